#include "nova/interrupt.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

namespace nova {
namespace {

// Lock-free, so reading and writing it from a signal handler is defined.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);
thread_local int t_deferred = 0;

std::mutex g_created_mutex;
std::vector<std::string>& created() {
  static std::vector<std::string> list;
  return list;
}

extern "C" void on_signal(int signal) { request_interrupt(signal); }

std::string describe(int signal) {
  if (signal == SIGTERM) return "Terminated (SIGTERM)";
  return "Interrupted (SIGINT)";
}

}  // namespace

InterruptedError::InterruptedError(int signal) : Error(describe(signal)), signal_(signal) {}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // SA_RESETHAND: the first signal asks politely, a second one ends the process.
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void request_interrupt(int signal) noexcept {
  int expected = 0;
  g_signal.compare_exchange_strong(expected, signal);
}

int interrupt_signal() noexcept { return g_signal.load(std::memory_order_relaxed); }

void clear_interrupt() noexcept { g_signal.store(0); }

void check_interrupt() {
  const int signal = interrupt_signal();
  if (signal != 0 && t_deferred == 0) throw InterruptedError(signal);
}

void sleep_interruptibly(std::chrono::milliseconds duration) {
  constexpr std::chrono::milliseconds kSlice{50};
  const auto end = std::chrono::steady_clock::now() + duration;
  for (;;) {
    check_interrupt();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;
    std::this_thread::sleep_for(std::min(left, kSlice));
  }
}

DeferInterrupts::DeferInterrupts() noexcept { ++t_deferred; }
DeferInterrupts::~DeferInterrupts() { --t_deferred; }
bool DeferInterrupts::active() noexcept { return t_deferred > 0; }

void note_created(std::string what) {
  const std::lock_guard lock(g_created_mutex);
  created().push_back(std::move(what));
}

void forget_created(const std::string& what) {
  const std::lock_guard lock(g_created_mutex);
  auto& list = created();
  list.erase(std::remove(list.begin(), list.end(), what), list.end());
}

std::vector<std::string> created_resources() {
  const std::lock_guard lock(g_created_mutex);
  return created();
}

}  // namespace nova
