#include "aws/core/retry/poll_guard.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nova::aws {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

ServiceError throttled() {
  return ServiceError("SageMaker DescribeTrainingJob failed: ThrottlingException (HTTP 400)", "SageMaker",
                      "DescribeTrainingJob", "ThrottlingException", 400, "", true);
}

// Sleeps are recorded and make the guard's clock.
struct Time {
  std::vector<milliseconds> sleeps;
  std::chrono::steady_clock::time_point now{};
  PollGuard guard(WaitErrorBudget budget) {
    return PollGuard("status of job j", "nova job status j --watch", budget,
                     [this](milliseconds d) {
                       sleeps.push_back(d);
                       now += d;
                     },
                     [this] { return now; }, [] { return 1.0; });
  }
};

TEST(PollGuard, BackoffDoublesFromTheInitialPauseUpToTheCapWithHalfJitter) {
  const WaitErrorBudget b;
  EXPECT_EQ(poll_backoff(b, 1, 1.0), milliseconds(2000));
  EXPECT_EQ(poll_backoff(b, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(poll_backoff(b, 3, 1.0), milliseconds(8000));
  EXPECT_EQ(poll_backoff(b, 10, 1.0), milliseconds(60000));
}

TEST(PollGuard, PassingFailuresAreRiddenOutAndASuccessResetsTheCount) {
  Time t;
  PollGuard guard = t.guard({});
  int calls = 0;
  EXPECT_EQ(guard.run([&] {
    if (++calls < 4) throw throttled();
    return 7;
  }),
            7);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(t.sleeps, (std::vector<milliseconds>{milliseconds(2000), milliseconds(4000), milliseconds(8000)}));
  EXPECT_EQ(guard.consecutive_failures(), 0);
}

TEST(PollGuard, APermanentErrorEndsTheWaitAtOnce) {
  Time t;
  PollGuard guard = t.guard({});
  int calls = 0;
  EXPECT_THROW(guard.run([&]() -> int {
    ++calls;
    throw ServiceError("denied", "SageMaker", "DescribeTrainingJob", "AccessDeniedException", 400, "", false);
  }),
               ServiceError);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(t.sleeps.empty());
}

TEST(PollGuard, GivesUpAfterTheAllowedNumberOfFailuresInARow) {
  Time t;
  WaitErrorBudget budget;
  budget.max_consecutive_errors = 3;
  PollGuard guard = t.guard(budget);
  int calls = 0;
  try {
    guard.run([&]() -> int {
      ++calls;
      throw throttled();
    });
    FAIL() << "expected the guard to give up";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ThrottlingException");
    EXPECT_FALSE(e.retryable());
    EXPECT_THAT(e.what(), HasSubstr("gave up waiting for the status of job j: 3 polls in a row failed over 6 s"));
    EXPECT_THAT(e.what(), HasSubstr("resume with `nova job status j --watch`"));
  }
  EXPECT_EQ(calls, 3);
}

TEST(PollGuard, GivesUpWhenFailuresLastLongerThanAllowed) {
  Time t;
  WaitErrorBudget budget;
  budget.max_consecutive_errors = 1000;
  budget.max_error_time = std::chrono::seconds(30);
  PollGuard guard = t.guard(budget);
  int calls = 0;
  EXPECT_THROW(guard.run([&]() -> int {
    ++calls;
    throw throttled();
  }),
               ServiceError);
  // 2 + 4 + 8 + 16 = 30 s slept; after the fifth failure the next pause (32 s) would pass 30 s.
  EXPECT_EQ(calls, 5);
  milliseconds total{0};
  for (auto d : t.sleeps) total += d;
  EXPECT_LE(total, std::chrono::seconds(30));
}

}  // namespace
}  // namespace nova::aws
