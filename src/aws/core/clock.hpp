#pragma once
// Time is injected wherever it matters (signing dates, credential expiry, retry backoff,
// polling) so unit tests control it and never sleep.

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

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

// How far the local clock is behind the services' (server time - local time), learnt from a
// clock-skew error's Date header and added to every signing time. One per session: every
// client of it shares the correction.
class ClockOffset {
 public:
  std::chrono::milliseconds get() const { return std::chrono::milliseconds(ms_.load()); }
  void set(std::chrono::milliseconds offset) { ms_.store(offset.count()); }

 private:
  std::atomic<std::int64_t> ms_{0};
};

// An HTTP-date (RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"); std::nullopt when
// the text is not one.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

}  // namespace nova::aws
