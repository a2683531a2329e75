#include "progress_bar.h"

#include <cstdio>

#include <fmt/core.h>
#include <unistd.h>

namespace ccsim::cli {

ProgressBar::ProgressBar(std::string what, int total)
    : what_(std::move(what)), total_(total), enabled_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) fmt::print(stderr, "\r\033[K");
}

void ProgressBar::update(int done) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::milliseconds(500)) return;
  if (done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(done);
}

void ProgressBar::draw(int done) {
  constexpr int width = 30;
  const double share = total_ > 0 ? static_cast<double>(done) / total_ : 1.0;
  const auto filled = static_cast<int>(share * width);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double remaining = share > 0.0 ? elapsed * (1.0 - share) / share : 0.0;
  fmt::print(stderr, "\r[{}{}] {}/{} {}, {:.0f} s left \033[K", std::string(filled, '#'),
             std::string(width - filled, ' '), done, total_, what_, remaining);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace ccsim::cli
