#pragma once
// Time is injected wherever it matters (signing dates, credential expiry, retry backoff,
// polling) so unit tests control it and never sleep.

#include <chrono>
#include <memory>

namespace nova::aws {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
  // Blocks for `d` (a test clock advances its time instead).
  virtual void sleep_for(std::chrono::milliseconds d) const = 0;
};

// The real clock.
std::shared_ptr<const Clock> system_clock();

}  // namespace nova::aws
