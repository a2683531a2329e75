// Reading a whole input file into memory, with a size cap so that a mistaken path (a disk image,
// /dev/zero) gives an error rather than exhausting memory. Only regular files are read: a named
// pipe would block for ever waiting for a writer, and a device never ends.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace ccsim::detail {

struct TextFile {
  std::string text;
  std::string error;  // empty on success, else the reason in lowercase: "no such file or directory"
};

TextFile read_text_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace ccsim::detail
