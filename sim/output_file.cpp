#include "ccsim/output_file.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <streambuf>

#include <fmt/core.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ccsim/detail/temporary_files.h"
#include "ccsim/diagnostics.h"

namespace ccsim {

namespace {

namespace fs = std::filesystem;
using detail::OutputKind;

[[noreturn]] void fail(const detail::OutputTarget& target, const std::string& why) {
  throw InputError({Diagnostic{target.label(), "", why}});
}

// A stream buffer over a file descriptor that keeps the first error's errno, which std::ofstream
// loses: "no space left on device" is worth saying.
class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* at = pbase();
    while (error_ == 0 && at < pptr()) {
      const ssize_t n = ::write(fd_, at, static_cast<std::size_t>(pptr() - at));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = errno;
      else at += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return error_ == 0;
  }

  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

// Writes `content` to `fd`; returns 0 or the errno of the first failure.
int write_to(int fd, const std::function<void(std::ostream&)>& content) {
  DescriptorBuffer buffer(fd);
  std::ostream out(&buffer);
  content(out);
  out.flush();
  if (buffer.error() != 0) return buffer.error();
  return out ? 0 : EIO;
}

// For tests only, not for users. CCSIM_OUTPUT_NAMED_TEMPORARIES=1 skips O_TMPFILE, so that tests
// on file systems that have it can still check what becomes of named temporaries.
// CCSIM_OUTPUT_SIGTERM=before-commit|during-commit raises SIGTERM once every output is prepared,
// or after commit() has replaced its first file, so that a test delivers the signal at a known
// point instead of racing the process with a timer.
bool named_temporaries_for_tests() {
  const char* value = std::getenv("CCSIM_OUTPUT_NAMED_TEMPORARIES");
  return value != nullptr && std::strcmp(value, "1") == 0;
}

bool sigterm_for_tests_at(const char* point) {
  const char* value = std::getenv("CCSIM_OUTPUT_SIGTERM");
  return value != nullptr && std::strcmp(value, point) == 0;
}

fs::path folder_of(const fs::path& file) {
  return file.parent_path().empty() ? fs::path(".") : file.parent_path();
}

// Hidden, named after its target, and unique to this process: ".s.json.ccsim-4242-0.tmp".
std::string temporary_name(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  const std::string name =
      fmt::format(".{}.ccsim-{}-{}.tmp", target.filename().string(), ::getpid(), counter++);
  return (folder_of(target) / name).string();
}

// A rename is durable once the folder that holds the new name is on disk too.
void sync_folder(const fs::path& file) {
  const int fd = ::open(folder_of(file).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Gives an unnamed (O_TMPFILE) temporary the name `name`; returns 0 or errno.
int link_unnamed(int fd, const std::string& name) {
  const std::string self = "/proc/self/fd/" + std::to_string(fd);
  if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return 0;
  // Without /proc, AT_EMPTY_PATH does the same for a process allowed to use it.
  if (errno == ENOENT && ::linkat(fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0) return 0;
  return errno;
}

}  // namespace

OutputSet::~OutputSet() {
  for (Output& output : outputs_) discard(output);
}

void OutputSet::add(const std::string& option, const std::string& path) {
  for (const Output& output : outputs_)
    if (output.target.option == option) throw std::logic_error("output added twice: " + option);
  Output output;
  output.target = detail::check_output_target(option, path);
  if (output.target.kind == OutputKind::file) {
    std::error_code ignored;
    const fs::path real = fs::weakly_canonical(fs::absolute(output.target.real), ignored);
    for (const Output& other : outputs_)
      if (other.target.kind == OutputKind::file &&
          fs::weakly_canonical(fs::absolute(other.target.real), ignored) == real)
        fail(output.target, "is the same file as the " + other.target.option + " output");
  }
  outputs_.push_back(std::move(output));
}

OutputSet::Output& OutputSet::find(const std::string& option) {
  for (Output& output : outputs_)
    if (output.target.option == option) return output;
  throw std::logic_error("no output added for " + option);
}

void OutputSet::write(const std::string& option, const std::function<void(std::ostream&)>& content) {
  Output& output = find(option);
  // A file is checked again: its folder may have gone during a run of hours, and the message
  // should say so; and a path may now lead elsewhere (a FIFO made in the meantime).
  if (output.target.kind == OutputKind::file)
    output.target = detail::check_output_target(output.target.option, output.target.path);
  const detail::OutputTarget& target = output.target;
  switch (target.kind) {
    case OutputKind::file: prepare_file(output, content); return;
    case OutputKind::descriptor: {
      // What the program printed before must come out before this.
      std::cout.flush();
      std::fflush(stdout);
      if (const int error = write_to(target.descriptor, content); error != 0)
        fail(target, "cannot write: " + detail::error_text(error));
      return;
    }
    case OutputKind::stream: {
      const int fd = ::open(target.real.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
      if (fd < 0) fail(target, "cannot open it: " + detail::error_text(errno));
      int error = write_to(fd, content);
      if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
      if (error != 0) fail(target, "cannot write: " + detail::error_text(error));
      return;
    }
  }
}

void OutputSet::prepare_file(Output& output, const std::function<void(std::ostream&)>& content) {
  discard(output);
  const detail::OutputTarget& target = output.target;
  const fs::path folder = folder_of(target.real);

  const bool named = named_temporaries_for_tests();
  int fd = named ? -1 : ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  const int unnamed_error = errno;
  // Kernels without O_TMPFILE say EISDIR, file systems without it EOPNOTSUPP.
  if (fd < 0 && (named || unnamed_error == EOPNOTSUPP || unnamed_error == EISDIR || unnamed_error == EINVAL)) {
    for (;;) {
      output.temporary = temporary_name(target.real);
      output.remembered = detail::remember_temporary(output.temporary);
      fd = ::open(output.temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd >= 0) break;
      const int error = errno;
      detail::forget_temporary(output.remembered);
      output.remembered = -1;
      output.temporary.clear();
      errno = error;
      if (error != EEXIST) break;  // else a stale file of a dead process with our pid: next name
    }
  } else if (fd < 0) {
    errno = unnamed_error;
  }
  if (fd < 0)
    fail(target, "cannot create a temporary file in the folder " + folder.string() + ": " +
                     detail::error_text(errno));
  output.descriptor = fd;

  // The replacement keeps what the old file's owner chose: its permission bits, and its owner
  // when root may set it (the owner first: changing it clears set-user-id bits).
  struct stat existing {};
  if (::stat(target.real.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
    if (::geteuid() == 0) (void)::fchown(fd, existing.st_uid, existing.st_gid);
    (void)::fchmod(fd, existing.st_mode & 07777);
  }

  int error = 0;
  try {
    error = write_to(fd, content);
  } catch (...) {
    discard(output);
    throw;
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (error != 0) {
    discard(output);
    fail(target, "cannot write: " + detail::error_text(error));
  }
  output.written = true;
}

void OutputSet::commit() {
  std::vector<Output*> files;
  for (Output& output : outputs_)
    if (output.target.kind == OutputKind::file && output.written) files.push_back(&output);
  if (files.empty()) return;
  if (sigterm_for_tests_at("before-commit")) std::raise(SIGTERM);
  {
    const detail::CommitSection section;
    // Names first: making a directory entry can fail (no space, quota), and then nothing has been
    // replaced yet.
    for (Output* output : files) {
      if (!output->temporary.empty()) continue;
      const std::string name = temporary_name(output->target.real);
      if (const int error = link_unnamed(output->descriptor, name); error != 0) {
        for (Output* other : files) discard(*other);
        fail(output->target, "cannot name its temporary file " + name + ": " + detail::error_text(error));
      }
      output->temporary = name;
    }
    // Renames within one folder do not allocate: once the names exist these go through.
    for (std::size_t i = 0; i < files.size(); ++i) {
      Output& output = *files[i];
      if (::rename(output.temporary.c_str(), output.target.real.c_str()) != 0) {
        const int error = errno;
        for (std::size_t j = i; j < files.size(); ++j) discard(*files[j]);
        fail(output.target, "cannot replace it: " + detail::error_text(error) +
                                (i > 0 ? " (the outputs before it were replaced)" : ""));
      }
      output.temporary.clear();
      detail::forget_temporary(output.remembered);
      output.remembered = -1;
      if (i == 0 && sigterm_for_tests_at("during-commit")) std::raise(SIGTERM);
    }
  }
  for (Output* output : files) {
    sync_folder(output->target.real);
    ::close(output->descriptor);
    output->descriptor = -1;
    output->written = false;
  }
}

void OutputSet::discard(Output& output) {
  if (!output.temporary.empty()) ::unlink(output.temporary.c_str());
  output.temporary.clear();
  detail::forget_temporary(output.remembered);
  output.remembered = -1;
  if (output.descriptor >= 0) ::close(output.descriptor);
  output.descriptor = -1;
  output.written = false;
}

}  // namespace ccsim
