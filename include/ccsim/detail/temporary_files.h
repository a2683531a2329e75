// Temporary files that SIGTERM, SIGINT or SIGHUP must not leave behind, and the commit section
// that such a signal must not split (output_file.h uses both).
//
// A handler for those three signals is installed the first time either is used, on each signal
// whose disposition is still the default (a signal the caller ignores, as under nohup, stays
// ignored). The handler removes the remembered files, restores the default disposition and
// raises the signal again, so the process still ends as that signal ends it (the shell sees
// 128 + signal). Everything it does is async-signal-safe: lock-free atomics, unlink, sigaction,
// raise. SIGKILL cannot be caught; output_file.h says what is left to it.
#pragma once

#include <string>

namespace ccsim::detail {

// Remembers `path` until forget_temporary(slot): a terminating signal removes it first. The path
// is made absolute, so that it names the same file whatever the working folder is when the
// signal comes. Remember a name before creating the file, so that no moment has the file on disk
// but not in the list. Throws std::runtime_error if more than 64 are remembered at once.
int remember_temporary(const std::string& path);
void forget_temporary(int slot);

// While one lives, those signals wait: a signal that arrives is held, and when the section ends it
// ends the process as it would have. A process-directed signal may be taken by any thread (the
// simulation's workers too), so blocking it in the committing thread alone would not do; the
// handler itself checks whether a commit is under way.
class CommitSection {
 public:
  CommitSection();
  ~CommitSection();
  CommitSection(const CommitSection&) = delete;
  CommitSection& operator=(const CommitSection&) = delete;
};

}  // namespace ccsim::detail
