#pragma once
// A Clock for retry tests: real wall time for signing (so requests stay valid), but sleeps
// are recorded instead of waited.

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

}  // namespace nova::testing
