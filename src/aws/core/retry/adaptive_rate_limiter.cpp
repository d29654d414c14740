#include "aws/core/retry/adaptive_rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace nova::aws {
namespace {

// The constants of botocore's and the other AWS SDKs' adaptive mode, so a fleet of mixed
// clients backs off alike.
constexpr double kCubicScale = 0.4;
constexpr double kCubicBeta = 0.7;
constexpr double kMinFillRate = 0.5;
constexpr double kMaxRateOverMeasured = 2.0;
constexpr double kSmoothing = 0.8;
constexpr double kBucketsPerSecond = 2.0;  // the send rate is counted per half second

}  // namespace

AdaptiveRateLimiter::AdaptiveRateLimiter(std::shared_ptr<const Clock> clock) : clock_(std::move(clock)) {
  const double now = seconds_now();
  last_throttle_ = now;
  bucket_start_ = std::floor(now);
  set_fill_rate(now, 1.0);
}

double AdaptiveRateLimiter::seconds_now() const {
  return std::chrono::duration<double>(clock_->now().time_since_epoch()).count();
}

void AdaptiveRateLimiter::refill(double now) {
  if (last_refill_ >= 0.0) tokens_ = std::min(capacity_max_, tokens_ + (now - last_refill_) * fill_rate_);
  last_refill_ = now;
}

void AdaptiveRateLimiter::set_fill_rate(double now, double rate) {
  refill(now);
  fill_rate_ = std::max(rate, kMinFillRate);
  capacity_max_ = std::max(rate, 1.0);
  tokens_ = std::min(tokens_, capacity_max_);
}

double AdaptiveRateLimiter::measure(double now) {
  const double bucket = std::floor(now * kBucketsPerSecond) / kBucketsPerSecond;
  bucket_count_ += 1.0;
  if (bucket > bucket_start_) {
    const double current = bucket_count_ / (bucket - bucket_start_);
    rate_ = current * kSmoothing + rate_ * (1.0 - kSmoothing);
    bucket_count_ = 0.0;
    bucket_start_ = bucket;
  }
  return rate_;
}

void AdaptiveRateLimiter::before_send() {
  double wait_seconds = 0.0;
  {
    std::lock_guard lock(mutex_);
    if (!limiting_) return;
    refill(seconds_now());
    tokens_ -= 1.0;
    if (tokens_ < 0.0) wait_seconds = -tokens_ / fill_rate_;
  }
  if (wait_seconds > 0.0) {
    clock_->sleep_for(std::chrono::milliseconds(static_cast<long long>(std::ceil(wait_seconds * 1000.0))));
  }
}

void AdaptiveRateLimiter::after_response(bool throttled) {
  std::lock_guard lock(mutex_);
  const double now = seconds_now();
  const double measured = measure(now);
  double rate = 0.0;
  if (throttled) {
    const double sending_at = limiting_ ? std::min(measured, fill_rate_) : measured;
    w_max_ = sending_at;
    k_ = std::cbrt(w_max_ * (1.0 - kCubicBeta) / kCubicScale);
    last_throttle_ = now;
    rate = sending_at * kCubicBeta;
    limiting_ = true;
  } else {
    const double x = now - last_throttle_ - k_;
    rate = kCubicScale * x * x * x + w_max_;
  }
  set_fill_rate(now, std::min(rate, kMaxRateOverMeasured * measured));
}

bool AdaptiveRateLimiter::limiting() const {
  std::lock_guard lock(mutex_);
  return limiting_;
}

double AdaptiveRateLimiter::send_rate() const {
  std::lock_guard lock(mutex_);
  return fill_rate_;
}

double AdaptiveRateLimiter::measured_rate() const {
  std::lock_guard lock(mutex_);
  return rate_;
}

}  // namespace nova::aws
