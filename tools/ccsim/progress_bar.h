// A progress bar on standard error for long work, shown only when standard error is a terminal and
// the work has already taken more than half a second (short runs stay quiet).
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace ccsim::cli {

class ProgressBar {
 public:
  ProgressBar(std::string what, int total);
  ~ProgressBar();
  // Thread-safe; redraws at most ten times a second.
  void update(int done);

 private:
  void draw(int done);

  std::string what_;
  int total_;
  bool enabled_;
  bool drawn_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace ccsim::cli
