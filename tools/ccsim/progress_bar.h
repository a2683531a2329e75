// Progress of long work on standard error. On a terminal, a bar with an ETA, shown once the work has
// taken more than half a second (short runs stay quiet). Elsewhere (a log file, a batch job) it is
// quiet unless asked for plain lines, in which case it prints one line per tenth of the work, so
// that a log shows how far a long sweep got and how long it still needs.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace ccsim::cli {

class ProgressBar {
 public:
  enum class Elsewhere { quiet, plain_lines };

  ProgressBar(std::string what, int total, Elsewhere elsewhere = Elsewhere::quiet);
  ~ProgressBar();
  // Thread-safe; redraws at most ten times a second.
  void update(int done);
  // Work of no known size (a search; construct with total 0), on a terminal only:
  // "37 plans simulated (removing agents)".
  void update(int done, const char* phase);

 private:
  void draw(int done);
  void print_line(int done);
  double seconds_left(int done) const;

  std::string what_;
  int total_;
  bool terminal_;
  bool plain_lines_;
  bool drawn_ = false;
  int tenths_printed_ = 0;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "42 s", "3 min 5 s", "2 h 10 min": an ETA as a person reads it.
std::string duration_text(double seconds);

}  // namespace ccsim::cli
