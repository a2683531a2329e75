#include "ccsim/detail/text_file.h"

#include <cctype>
#include <cerrno>
#include <fstream>
#include <system_error>

#include <fmt/core.h>

namespace ccsim::detail {

namespace {

std::string lowercase_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

}  // namespace

TextFile read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  // Opening a directory succeeds on Linux and only the read fails; say what it is instead.
  if (std::filesystem::is_directory(path, ec)) return {{}, "is a directory"};
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno != 0 ? errno : ENOENT;
    return {{}, lowercase_first(std::generic_category().message(error))};
  }
  // Read in chunks up to one byte past the cap rather than trusting the reported size, which is
  // zero for pipes and devices.
  std::string text;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes)
      return {{}, fmt::format("larger than the limit of {} MiB", max_bytes >> 20)};
  }
  if (in.bad()) return {{}, "read error"};
  return {std::move(text), {}};
}

}  // namespace ccsim::detail
