#include "aws/core/retry/retry_strategy.hpp"

#include <gtest/gtest.h>

#include "nova/error.hpp"
#include "support/scoped_env.hpp"

namespace nova::aws {
namespace {

using std::chrono::milliseconds;

TEST(RetryStrategy, ClassifiesByCodeThenStatus) {
  EXPECT_EQ(classify_error("ThrottlingException", 400), FailureKind::kThrottling);
  EXPECT_EQ(classify_error("SlowDown", 503), FailureKind::kThrottling);
  EXPECT_EQ(classify_error("RequestTimeout", 400), FailureKind::kTransient);
  EXPECT_EQ(classify_error("IDPCommunicationError", 400), FailureKind::kTransient);
  EXPECT_EQ(classify_error("InternalError", 500), FailureKind::kTransient);
  EXPECT_EQ(classify_error("Whatever", 504), FailureKind::kTransient);
  EXPECT_EQ(classify_error("AccessDenied", 403), FailureKind::kNotRetryable);
  EXPECT_EQ(classify_error("ValidationException", 400), FailureKind::kNotRetryable);
  EXPECT_EQ(classify_error("NotImplemented", 501), FailureKind::kNotRetryable);
}

TEST(RetryStrategy, FullJitterBackoffCappedAt20s) {
  EXPECT_EQ(backoff_delay(1, 1.0), milliseconds(1000));
  EXPECT_EQ(backoff_delay(2, 1.0), milliseconds(2000));
  EXPECT_EQ(backoff_delay(3, 0.5), milliseconds(2000));
  EXPECT_EQ(backoff_delay(6, 1.0), milliseconds(20000));
  EXPECT_EQ(backoff_delay(30, 0.25), milliseconds(5000));
  EXPECT_EQ(backoff_delay(4, 0.0), milliseconds(0));
}

TEST(RetryStrategy, QuotaCostsAndRefunds) {
  RetryQuota q;
  int taken = 0;
  EXPECT_TRUE(q.acquire(FailureKind::kTransient, taken));
  EXPECT_TRUE(q.acquire(FailureKind::kTimeout, taken));
  EXPECT_EQ(taken, 15);
  EXPECT_EQ(q.available(), 485);
  q.on_success(taken);
  EXPECT_EQ(q.available(), 500);
  q.on_success(0);  // never above capacity
  EXPECT_EQ(q.available(), 500);
  int drained = 0;
  while (q.acquire(FailureKind::kThrottling, drained)) {
  }
  EXPECT_EQ(drained, 500);
  EXPECT_EQ(q.available(), 0);
  q.on_success(0);
  EXPECT_EQ(q.available(), 1);
}

TEST(RetryStrategy, ConfigFromEnvironment) {
  nova::testing::ScopedEnvironment env;
  env.unset("AWS_MAX_ATTEMPTS");
  env.unset("AWS_RETRY_MODE");
  EXPECT_EQ(RetryConfig::from_environment().max_attempts, 3);
  env.set("AWS_RETRY_MODE", "legacy");
  EXPECT_EQ(RetryConfig::from_environment().max_attempts, 5);
  env.set("AWS_MAX_ATTEMPTS", "7");
  EXPECT_EQ(RetryConfig::from_environment().max_attempts, 7);
  env.set("AWS_MAX_ATTEMPTS", "0");
  EXPECT_THROW(RetryConfig::from_environment(), ConfigError);
  env.set("AWS_MAX_ATTEMPTS", "2");
  env.set("AWS_RETRY_MODE", "fast");
  EXPECT_THROW(RetryConfig::from_environment(), ConfigError);
}

}  // namespace
}  // namespace nova::aws
