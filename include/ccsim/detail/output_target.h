// Where an output named on the command line really goes, found out before any work is done, so
// that a typing mistake in a folder costs a second, not a long run (output_file.h builds on it).
//
// Three kinds of target, written three ways:
//   - a regular file, new or existing (symlinks followed to the real file): written to a temporary
//     beside it and renamed over it, so it is whole or untouched;
//   - a device, FIFO or socket (/dev/null, a named pipe): there is nothing to replace, so it is
//     opened and written directly, as a shell's `>` would;
//   - an open descriptor: "-" and /dev/stdout are standard output, /dev/stderr, /dev/fd/N and
//     /proc/self/fd/N the descriptor N. These are written directly too: resolving /dev/stdout to
//     the file the shell opened and replacing that file would cut it from the shell's descriptor.
#pragma once

#include <filesystem>
#include <string>

namespace ccsim::detail {

enum class OutputKind { file, stream, descriptor };

struct OutputTarget {
  std::string option;  // the option that named it: "--json"
  std::string path;    // as the user wrote it
  OutputKind kind = OutputKind::file;
  // file: the file to replace, after following symlinks (it need not exist yet);
  // stream: the path to open.
  std::filesystem::path real;
  int descriptor = -1;  // descriptor: the open descriptor to write to

  // "--json out/s.json": how messages name the output.
  std::string label() const;
};

// Checks that `path` can be written and says where it goes. Throws InputError ("--json out/s.json:
// the folder out does not exist") when the path is empty, its folder is missing, is not a folder or
// cannot be written in (read-only file system, permissions), it is a folder itself, it is a
// symlink loop, or it names a descriptor that is not open for writing. Opens nothing: a FIFO
// without a reader would block here.
OutputTarget check_output_target(const std::string& option, const std::string& path);

// An errno value as the messages write it: "no space left on device".
std::string error_text(int error);

}  // namespace ccsim::detail
