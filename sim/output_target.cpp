#include "ccsim/detail/output_target.h"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ccsim/diagnostics.h"

namespace ccsim::detail {

namespace {

namespace fs = std::filesystem;

// Linux follows at most 40 links in one lookup; a chain longer than that is a loop.
constexpr int max_symlink_hops = 40;

[[noreturn]] void refuse(const OutputTarget& target, const std::string& why) {
  throw InputError({Diagnostic{target.label(), "", why}});
}

// The descriptor a path stands for, if it names one: "-", /dev/stdout, /dev/fd/3 ...
std::optional<int> named_descriptor(std::string_view path) {
  if (path == "-" || path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (std::string_view folder : {"/dev/fd/", "/proc/self/fd/"}) {
    if (!path.starts_with(folder)) continue;
    const std::string_view number = path.substr(folder.size());
    int fd = -1;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), fd);
    if (error == std::errc{} && end == number.data() + number.size() && fd >= 0) return fd;
  }
  return std::nullopt;
}

// `path` with every symlink along the chain at its end followed, even a dangling one: writing
// through a link to a file not yet made creates that file, as a shell's `>` does.
fs::path follow_links(const OutputTarget& target) {
  fs::path at = target.path;
  for (int hops = 0;; ++hops) {
    struct stat status {};
    if (::lstat(at.c_str(), &status) != 0 || !S_ISLNK(status.st_mode)) return at;
    if (hops == max_symlink_hops) refuse(target, "too many levels of symbolic links");
    std::error_code error;
    const fs::path to = fs::read_symlink(at, error);
    if (error) refuse(target, "cannot read the symbolic link " + at.string() + ": " + error_text(error.value()));
    at = to.is_absolute() ? to : at.parent_path() / to;
  }
}

// The folder a new file or a temporary would be made in must exist and take new files.
void check_folder(const OutputTarget& target, const fs::path& file) {
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  struct stat status {};
  if (::stat(folder.c_str(), &status) != 0) {
    if (errno == ENOENT) refuse(target, "the folder " + folder.string() + " does not exist");
    if (errno == ENOTDIR) refuse(target, folder.string() + " is not a folder");
    refuse(target, "cannot reach the folder " + folder.string() + ": " + error_text(errno));
  }
  if (!S_ISDIR(status.st_mode)) refuse(target, folder.string() + " is not a folder");
  // AT_EACCESS: the rights this process has. A read-only file system refuses even root, which
  // plain permission bits do not.
  if (::faccessat(AT_FDCWD, folder.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
    refuse(target, "cannot write in the folder " + folder.string() + ": " + error_text(errno));
}

}  // namespace

std::string OutputTarget::label() const { return path.empty() ? option : option + " " + path; }

std::string error_text(int error) {
  std::string text = std::strerror(error);
  if (!text.empty()) text.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(text.front())));
  return text;
}

OutputTarget check_output_target(const std::string& option, const std::string& path) {
  OutputTarget target;
  target.option = option;
  target.path = path;
  if (path.empty()) refuse(target, "the path is empty");

  if (const std::optional<int> fd = named_descriptor(path)) {
    const int flags = ::fcntl(*fd, F_GETFL);
    if (flags == -1) refuse(target, "descriptor " + std::to_string(*fd) + " is not open");
    if ((flags & O_ACCMODE) == O_RDONLY)
      refuse(target, "descriptor " + std::to_string(*fd) + " is not open for writing");
    target.kind = OutputKind::descriptor;
    target.descriptor = *fd;
    return target;
  }

  target.real = follow_links(target);
  struct stat status {};
  if (::stat(target.real.c_str(), &status) == 0) {
    if (S_ISDIR(status.st_mode)) refuse(target, "is a folder, not a file");
    if (!S_ISREG(status.st_mode)) {
      if (::faccessat(AT_FDCWD, target.real.c_str(), W_OK, AT_EACCESS) != 0)
        refuse(target, "cannot write it: " + error_text(errno));
      target.kind = OutputKind::stream;
      return target;
    }
  } else if (errno != ENOENT && errno != ENOTDIR) {
    refuse(target, "cannot reach it: " + error_text(errno));
  }
  // A new file, or one replaced whole: either way a new file is made in its folder.
  target.kind = OutputKind::file;
  check_folder(target, target.real);
  return target;
}

}  // namespace ccsim::detail
