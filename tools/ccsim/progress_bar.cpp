#include "progress_bar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <fmt/core.h>
#include <unistd.h>

namespace ccsim::cli {

ProgressBar::ProgressBar(std::string what, int total, Elsewhere elsewhere)
    : what_(std::move(what)), total_(total), terminal_(::isatty(STDERR_FILENO) != 0),
      plain_lines_(elsewhere == Elsewhere::plain_lines),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) fmt::print(stderr, "\r\033[K");
}

void ProgressBar::update(int done) {
  if (!terminal_ && !plain_lines_) return;
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::milliseconds(500)) return;
  if (!terminal_) {
    print_line(done);
    return;
  }
  if (done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(done);
}

void ProgressBar::update(int done, const char* phase) {
  if (!terminal_) return;
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::milliseconds(500) || now - last_draw_ < std::chrono::milliseconds(100))
    return;
  last_draw_ = now;
  fmt::print(stderr, "\r{} {} ({})\033[K", done, what_, phase);
  std::fflush(stderr);
  drawn_ = true;
}

double ProgressBar::seconds_left(int done) const {
  const double share = total_ > 0 ? static_cast<double>(done) / total_ : 1.0;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return share > 0.0 ? elapsed * (1.0 - share) / share : 0.0;
}

void ProgressBar::draw(int done) {
  constexpr int width = 30;
  const double share = total_ > 0 ? static_cast<double>(done) / total_ : 1.0;
  const auto filled = static_cast<int>(share * width);
  fmt::print(stderr, "\r[{}{}] {}/{} {}, {} left \033[K", std::string(filled, '#'),
             std::string(width - filled, ' '), done, total_, what_, duration_text(seconds_left(done)));
  std::fflush(stderr);
  drawn_ = true;
}

// One line per tenth reached; a tenth passed during the first half second is printed with the next.
void ProgressBar::print_line(int done) {
  const int tenths = total_ > 0 ? static_cast<int>(10LL * done / total_) : 10;
  if (tenths <= tenths_printed_) return;
  tenths_printed_ = tenths;
  fmt::print(stderr, "{}/{} {} ({}%), {} left\n", done, total_, what_, 10 * tenths,
             duration_text(seconds_left(done)));
  std::fflush(stderr);
}

std::string duration_text(double seconds) {
  const long long s = std::llround(std::max(seconds, 0.0));
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
  return fmt::format("{} h {} min", s / 3600, s % 3600 / 60);
}

}  // namespace ccsim::cli
