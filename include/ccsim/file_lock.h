// An exclusive lock on a file that one process appends to for a long time (a sweep's output), so
// that a second process that would write it too stops at once instead of duplicating its lines.
//
// It is flock(2) on the file itself: the kernel drops it when the process ends, however it ends
// (SIGKILL included), so an interrupted sweep never leaves its file locked, and no lock file is
// left beside it. flock is advisory: it keeps ccsim processes apart, not other programs. On NFS,
// Linux turns it into a byte-range lock on the server, which works as long as the server's lock
// service does.
#pragma once

#include <string>

namespace ccsim {

class FileLock {
 public:
  // Opens `path` for reading and writing (creating it when missing) and locks it. Throws
  // InputError naming `option` and the path when another process holds the lock, or the file
  // cannot be opened.
  FileLock(const std::string& option, const std::string& path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int descriptor_ = -1;
};

}  // namespace ccsim
