// The files a command writes, checked before the work and committed together after it.
//
// Every command that writes results goes through an OutputSet:
//
//   OutputSet outputs;
//   outputs.add("--json", json_path);   // checked now: exit 2 before a long run, with the reason
//   outputs.add("--csv", csv_path);
//   ... simulate ...
//   outputs.write("--json", [&](std::ostream& out) { write_json(out, ...); });
//   outputs.write("--csv", [&](std::ostream& out) { write_csv(out, ...); });
//   outputs.commit();                   // both new files appear in one short step
//
// What each kind of target gets (detail/output_target.h tells them apart):
//   - A regular file is written whole or not at all. Its content goes to a temporary in the real
//     target's folder (symlinks are followed, and the link stays a link), is flushed to disk, and
//     is renamed over the target at commit. A replaced file keeps its permission bits (and, when
//     run as root, its owner). The temporary has no name at all where the file system offers
//     O_TMPFILE (ext4, xfs, btrfs, tmpfs); elsewhere it is ".NAME.ccsim-PID-N.tmp", which
//     SIGTERM, SIGINT and SIGHUP remove (detail/temporary_files.h).
//   - Devices, FIFOs, and "-" or /dev/stdout (standard output) are written directly, as a shell's
//     `>` would, at write(): there is nothing to replace and nothing to keep whole. A write error
//     (no space left on /dev/full, a reader gone from a pipe) is reported like any other.
//   - commit() renames every prepared file in one step that SIGTERM, SIGINT and SIGHUP cannot
//     split: a signal during it is held until the files are all in place. So after such a signal
//     a run's outputs are either all the old ones or all the new ones.
//
// What SIGKILL (or a power cut) can leave: nothing before commit() where O_TMPFILE works, since an
// unnamed temporary vanishes with the process; a named ".NAME.ccsim-PID-N.tmp" beside the target
// when killed during commit()'s few system calls, or at any time before it on a file system
// without O_TMPFILE (some network file systems). Such a file is only ever a complete or partial
// copy of an output; the target itself is never half-written. Replacing a file gives it a new
// inode, so other hard links to the old file keep the old content.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "ccsim/detail/output_target.h"

namespace ccsim {

// Checks, before anything runs, that `path` can be written as `option`'s output (see
// detail::check_output_target for what is refused), for an output written other than through an
// OutputSet (a sweep appends to its file point by point).
inline void check_output_path(const std::string& option, const std::string& path) {
  (void)detail::check_output_target(option, path);
}


class OutputSet {
 public:
  OutputSet() = default;
  // Removes the temporaries of files written but not committed: the targets stay as they were.
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  // Checks `path` for `option` now (detail/output_target.h): throws InputError naming both and
  // why when it cannot be written, or when it is the same file as an output added before.
  void add(const std::string& option, const std::string& path);

  // Writes the output added for `option`: a file to its temporary, anything else directly. Throws
  // InputError naming the output when writing fails ("--json /dev/full: cannot write: no space
  // left on device"); a file's target is then untouched.
  void write(const std::string& option, const std::function<void(std::ostream&)>& content);

  // Puts every written file in place of its target, in one step no terminating signal splits.
  void commit();

 private:
  struct Output {
    detail::OutputTarget target;
    int descriptor = -1;    // the temporary's, once written (file targets)
    std::string temporary;  // its name, when it has one
    int remembered = -1;    // its slot in detail/temporary_files.h
    bool written = false;
  };

  Output& find(const std::string& option);
  void prepare_file(Output& output, const std::function<void(std::ostream&)>& content);
  void discard(Output& output);

  std::vector<Output> outputs_;
};

}  // namespace ccsim
