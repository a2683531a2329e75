#include "ccsim/detail/temporary_files.h"

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include <unistd.h>

namespace ccsim::detail {

namespace {

// Fixed storage: the handler may not allocate, and a command has a handful of outputs.
constexpr int slot_count = 64;
constexpr std::size_t path_bytes = 4096;

enum SlotState : int { free_slot, filling, in_use };

struct Slot {
  std::atomic<int> state{free_slot};
  char path[path_bytes];
};

std::array<Slot, slot_count> slots;

// What the process is doing, as far as the handler is concerned.
enum Phase : int { running, committing, ending };
std::atomic<int> phase{running};
std::atomic<int> held_signal{0};

constexpr std::array<int, 3> handled_signals = {SIGTERM, SIGINT, SIGHUP};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free atomics");

void remove_remembered() {
  for (Slot& slot : slots)
    if (slot.state.load(std::memory_order_acquire) == in_use) ::unlink(slot.path);
}

extern "C" void on_terminating_signal(int signal) {
  int expected = running;
  if (phase.compare_exchange_strong(expected, ending)) {
    remove_remembered();
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(signal, &default_action, nullptr);
    // Pending until this handler returns, then delivered with the default action: the process
    // ends by this signal.
    ::raise(signal);
  } else if (expected == committing) {
    held_signal.store(signal);
  }
  // `ending`: another thread is already ending the process.
}

void install_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (const int signal : handled_signals) {
      struct sigaction current {};
      ::sigaction(signal, nullptr, &current);
      if (current.sa_handler != SIG_DFL || (current.sa_flags & SA_SIGINFO) != 0) continue;
      struct sigaction action {};
      action.sa_handler = on_terminating_signal;
      sigemptyset(&action.sa_mask);
      action.sa_flags = SA_RESTART;
      ::sigaction(signal, &action, nullptr);
    }
  });
}

}  // namespace

int remember_temporary(const std::string& path) {
  install_handlers();
  const std::string absolute = std::filesystem::absolute(path).string();
  if (absolute.size() >= path_bytes) throw std::runtime_error("temporary file path too long: " + absolute);
  for (int i = 0; i < slot_count; ++i) {
    int expected = free_slot;
    if (!slots[i].state.compare_exchange_strong(expected, filling)) continue;
    std::memcpy(slots[i].path, absolute.c_str(), absolute.size() + 1);
    slots[i].state.store(in_use, std::memory_order_release);
    return i;
  }
  throw std::runtime_error("more than 64 temporary files at once");
}

void forget_temporary(int slot) {
  if (slot >= 0 && slot < slot_count) slots[slot].state.store(free_slot, std::memory_order_release);
}

CommitSection::CommitSection() {
  install_handlers();
  int expected = running;
  while (!phase.compare_exchange_weak(expected, committing)) {
    // A signal is ending the process on another thread: let it, rather than start a commit that
    // it would cut in two.
    if (expected == ending)
      for (;;) ::pause();
    expected = running;
  }
}

CommitSection::~CommitSection() {
  phase.store(running);
  // The handler now does what it would have done on arrival.
  if (const int signal = held_signal.exchange(0); signal != 0) ::raise(signal);
}

}  // namespace ccsim::detail
