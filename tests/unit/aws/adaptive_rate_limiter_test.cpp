#include "aws/core/retry/adaptive_rate_limiter.hpp"

#include <gtest/gtest.h>

#include "support/test_clock.hpp"

namespace nova::aws {
namespace {

using std::chrono::milliseconds;
using nova::testing::ManualClock;

double seconds(const ManualClock& clock) {
  return std::chrono::duration<double>(clock.now().time_since_epoch()).count();
}

// One request every `gap` for `count` requests, each answered without a throttle.
void send_steadily(AdaptiveRateLimiter& limiter, const ManualClock& clock, int count, milliseconds gap) {
  for (int i = 0; i < count; ++i) {
    clock.advance(gap);
    limiter.before_send();
    limiter.after_response(false);
  }
}

TEST(AdaptiveRateLimiter, NothingIsLimitedBeforeTheFirstThrottle) {
  auto clock = std::make_shared<ManualClock>();
  AdaptiveRateLimiter limiter(clock);
  const double start = seconds(*clock);
  for (int i = 0; i < 1000; ++i) {
    limiter.before_send();
    limiter.after_response(false);
  }
  EXPECT_FALSE(limiter.limiting());
  EXPECT_EQ(seconds(*clock), start);  // a thousand requests at once: not one wait
}

TEST(AdaptiveRateLimiter, AThrottleCutsTheRateToSevenTenthsOfWhatWasSent) {
  auto clock = std::make_shared<ManualClock>();
  AdaptiveRateLimiter limiter(clock);
  send_steadily(limiter, *clock, 40, milliseconds(100));  // 10 requests a second for 4 s
  EXPECT_NEAR(limiter.measured_rate(), 10.0, 0.5);

  clock->advance(milliseconds(100));
  limiter.before_send();
  limiter.after_response(true);
  EXPECT_TRUE(limiter.limiting());
  EXPECT_NEAR(limiter.send_rate(), 0.7 * limiter.measured_rate(), 1e-9);
}

TEST(AdaptiveRateLimiter, OnceLimitingRequestsAreSpacedAtTheSendRate) {
  auto clock = std::make_shared<ManualClock>();
  AdaptiveRateLimiter limiter(clock);
  send_steadily(limiter, *clock, 40, milliseconds(100));
  limiter.after_response(true);
  const double rate = limiter.send_rate();
  ASSERT_GT(rate, 1.0);

  // Twenty requests at once: the bucket holds at most `rate` tokens, the rest wait their turn.
  const double start = seconds(*clock);
  for (int i = 0; i < 20; ++i) limiter.before_send();
  const double elapsed = seconds(*clock) - start;
  EXPECT_GE(elapsed, (20.0 - rate) / rate - 0.01);
  EXPECT_LE(elapsed, 20.0 / rate + 0.01);
}

TEST(AdaptiveRateLimiter, SuccessesGrowTheRateBackAlongTheCubicCurve) {
  auto clock = std::make_shared<ManualClock>();
  AdaptiveRateLimiter limiter(clock);
  send_steadily(limiter, *clock, 40, milliseconds(100));
  const double throttled_at = limiter.measured_rate();
  limiter.after_response(true);
  const double cut = limiter.send_rate();
  EXPECT_NEAR(cut, 0.7 * throttled_at, 0.5);

  // Keep asking as fast as the limiter lets us: the rate climbs back to where it was throttled
  // (the cubic's plateau, about 2 s later) and then beyond it, never above twice what is sent.
  double highest = cut;
  for (int i = 0; i < 200; ++i) {
    limiter.before_send();
    limiter.after_response(false);
    EXPECT_LE(limiter.send_rate(), 2.0 * limiter.measured_rate() + 0.5 + 1e-9);
    highest = std::max(highest, limiter.send_rate());
  }
  EXPECT_GT(highest, throttled_at);
}

TEST(AdaptiveRateLimiter, AThrottleBeforeAnyMeasuredTrafficFallsToTheFloorOfHalfARequestASecond) {
  auto clock = std::make_shared<ManualClock>();
  AdaptiveRateLimiter limiter(clock);
  limiter.before_send();
  limiter.after_response(true);
  EXPECT_DOUBLE_EQ(limiter.send_rate(), 0.5);

  const double start = seconds(*clock);
  limiter.before_send();
  limiter.before_send();
  EXPECT_NEAR(seconds(*clock) - start, 4.0, 0.01);  // two tokens at 0.5 a second
}

}  // namespace
}  // namespace nova::aws
