#pragma once
// AWS "standard" retry mode: which failures are retried, full-jitter exponential backoff,
// and the per-client retry quota (token bucket).

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

namespace nova::aws {

struct RetryConfig {
  // Total attempts including the first (AWS_MAX_ATTEMPTS / profile max_attempts semantics).
  int max_attempts{3};
  // "standard", "adaptive" (standard plus AdaptiveRateLimiter) or "legacy" (the standard
  // algorithm with 5 attempts by default, as in botocore).
  std::string mode{"standard"};

  // Reads AWS_RETRY_MODE and AWS_MAX_ATTEMPTS over the defaults. Throws nova::ConfigError
  // for invalid values.
  static RetryConfig from_environment();
};

// Why an attempt failed, for the retry decision.
enum class FailureKind { kNone, kTransient, kTimeout, kThrottling, kNotRetryable };

bool is_throttling_code(std::string_view code);
bool is_transient_code(std::string_view code);
// Errors a signing time too far from the server's causes (RequestTimeTooSkewed, and signature
// errors that may be skew: the caller checks the server's Date before correcting).
bool is_clock_skew_code(std::string_view code);
// Classifies an HTTP error response by code first, then status.
FailureKind classify_error(std::string_view code, int http_status);

// rand01 in [0,1): delay = rand01 * min(2^(attempt-1) s, 20 s). `attempt` is the attempt
// that just failed (1-based).
std::chrono::milliseconds backoff_delay(int attempt, double rand01);

// Token bucket shared by every call of one client: 500 tokens, 5 per retry, 10 per retry
// after a timeout; a first-try success adds 1, a success after retries refunds its cost.
class RetryQuota {
 public:
  static constexpr int kCapacity = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryIncrement = 1;

  // Takes the cost of one retry; false when the bucket cannot pay (then do not retry).
  bool acquire(FailureKind kind, int& taken);
  // After a successful call: `taken` is what its retries took (0 when it succeeded first time).
  void on_success(int taken);
  int available() const;

 private:
  mutable std::mutex mutex_;
  int available_{kCapacity};
};

}  // namespace nova::aws
