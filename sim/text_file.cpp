#include "ccsim/detail/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <system_error>

#include <fmt/core.h>

namespace ccsim::detail {

namespace {

std::string lowercase_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string error_text(int error) {
  return lowercase_first(std::generic_category().message(error));
}

// What a file that is not a regular file is, for the message.
std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a named pipe (FIFO), not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  return "is not a regular file";
}

// Closes the descriptor on every path out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

TextFile read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, for ever. The mode is
  // checked on the open descriptor, so the file cannot be swapped between check and read.
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) return {{}, error_text(errno)};
  struct stat status {};
  if (::fstat(file.fd, &status) != 0) return {{}, error_text(errno)};
  if (!S_ISREG(status.st_mode)) return {{}, kind_of(status.st_mode)};
  const auto too_large = [&] {
    return TextFile{{}, fmt::format("larger than the limit of {} MiB", max_bytes >> 20)};
  };
  if (static_cast<std::uintmax_t>(status.st_size) > max_bytes) return too_large();
  // Read up to one byte past the cap rather than trusting the size, which may change.
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return {{}, "read error: " + error_text(errno)};
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) return too_large();
  }
  return {std::move(text), {}};
}

}  // namespace ccsim::detail
