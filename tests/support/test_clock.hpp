#pragma once
// Clocks for tests that must never wait: RecordingClock keeps real wall time (so requests
// stay validly signed) and records sleeps; ManualClock's time moves only when told or slept.

#include <mutex>
#include <vector>

#include "aws/core/clock.hpp"

namespace nova::testing {

class RecordingClock final : public aws::Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
  void sleep_for(std::chrono::milliseconds d) const override {
    std::lock_guard lock(mutex_);
    sleeps_.push_back(d);
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::vector<std::chrono::milliseconds> sleeps_;
};

// Starts at 2030-01-01T00:00:00Z; a sleep advances it by the time slept.
class ManualClock final : public aws::Clock {
 public:
  ManualClock() : now_(std::chrono::sys_days{std::chrono::year{2030} / 1 / 1}) {}
  std::chrono::system_clock::time_point now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void sleep_for(std::chrono::milliseconds d) const override { advance(d); }
  void advance(std::chrono::system_clock::duration d) const {
    std::lock_guard lock(mutex_);
    now_ += d;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::chrono::system_clock::time_point now_;
};

}  // namespace nova::testing
