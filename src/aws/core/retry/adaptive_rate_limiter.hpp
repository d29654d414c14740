#pragma once
// The client-side rate limiter of the "adaptive" retry mode (AWS_RETRY_MODE=adaptive), with
// the AWS SDKs' algorithm: nothing is limited until a service answers with a throttling error;
// from then on every attempt takes a token from a bucket whose fill rate follows CUBIC. A
// throttling answer cuts the rate to 0.7 x the rate the client was sending at; each success
// grows it back along the cubic curve towards (and past) the rate that was throttled. The rate
// never exceeds twice the measured send rate, and never falls below 0.5 requests per second.

#include <chrono>
#include <memory>
#include <mutex>

#include "aws/core/clock.hpp"

namespace nova::aws {

class AdaptiveRateLimiter {
 public:
  explicit AdaptiveRateLimiter(std::shared_ptr<const Clock> clock);

  // Before each attempt: once limiting has started, reserves a token and sleeps (on the clock)
  // until it is due. Tokens are reserved in order, so concurrent callers queue fairly and a
  // sleep never has to be repeated.
  void before_send();
  // After each attempt that got an answer or failed: `throttled` when the service said so.
  void after_response(bool throttled);

  bool limiting() const;
  // Tokens per second the bucket refills at (meaningful once limiting).
  double send_rate() const;
  // The smoothed rate this client has been sending at, in requests per second.
  double measured_rate() const;

 private:
  double seconds_now() const;
  void refill(double now);
  void set_fill_rate(double now, double rate);
  double measure(double now);

  std::shared_ptr<const Clock> clock_;
  mutable std::mutex mutex_;
  bool limiting_{false};

  // Token bucket (tokens may go negative: reserved by callers still sleeping).
  double fill_rate_{0.5};
  double capacity_max_{1.0};
  double tokens_{0.0};
  double last_refill_{-1.0};

  // CUBIC: the rate at the last throttle, the time to grow back to it, when it happened.
  double w_max_{0.0};
  double k_{0.0};
  double last_throttle_{0.0};

  // Send rate measured in half-second buckets, exponentially smoothed.
  double rate_{0.0};
  double bucket_start_{0.0};
  double bucket_count_{0.0};
};

}  // namespace nova::aws
