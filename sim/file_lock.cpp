#include "ccsim/file_lock.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "ccsim/detail/output_target.h"
#include "ccsim/diagnostics.h"

namespace ccsim {

FileLock::FileLock(const std::string& option, const std::string& path) {
  const std::string label = option + " " + path;
  descriptor_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (descriptor_ < 0)
    throw InputError({Diagnostic{label, "", "cannot open it: " + detail::error_text(errno)}});
  int result = 0;
  do {
    result = ::flock(descriptor_, LOCK_EX | LOCK_NB);
  } while (result != 0 && errno == EINTR);
  if (result == 0) return;
  const int error = errno;
  ::close(descriptor_);
  descriptor_ = -1;
  if (error == EWOULDBLOCK)
    throw InputError({Diagnostic{label, "",
                                 "another ccsim is writing this file (it is locked): wait for it "
                                 "to end, or choose another output"}});
  throw InputError({Diagnostic{label, "", "cannot lock it: " + detail::error_text(error)}});
}

FileLock::~FileLock() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

}  // namespace ccsim
