#include "aws/core/retry/retry_strategy.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "nova/error.hpp"

namespace nova::aws {
namespace {

constexpr std::array<std::string_view, 14> kThrottlingCodes = {
    "Throttling",           "ThrottlingException",       "ThrottledException",
    "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled",         "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException"};

constexpr std::array<std::string_view, 3> kTransientCodes = {"RequestTimeout", "RequestTimeoutException",
                                                             "PriorRequestNotComplete"};

constexpr std::array<std::string_view, 7> kClockSkewCodes = {
    "RequestTimeTooSkewed", "RequestExpired",         "RequestInTheFuture", "InvalidSignatureException",
    "SignatureDoesNotMatch", "AuthFailure",           "InvalidSignature"};

// Modeled retryable errors of the services nova uses (bedrock-runtime, STS web identity).
constexpr std::array<std::string_view, 2> kModeledRetryable = {"ModelNotReadyException", "IDPCommunicationError"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

}  // namespace

RetryConfig RetryConfig::from_environment() {
  RetryConfig config;
  if (const char* mode = std::getenv("AWS_RETRY_MODE"); mode != nullptr && *mode != '\0') {
    const std::string m = mode;
    if (m != "standard" && m != "legacy" && m != "adaptive") {
      throw ConfigError("AWS_RETRY_MODE='" + m + "' is not one of standard, legacy, adaptive");
    }
    config.mode = m;
    if (m == "legacy") config.max_attempts = 5;
  }
  if (const char* max = std::getenv("AWS_MAX_ATTEMPTS"); max != nullptr && *max != '\0') {
    const std::string_view s = max;
    int n = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || ptr != s.data() + s.size() || n < 1) {
      throw ConfigError("AWS_MAX_ATTEMPTS='" + std::string(s) + "' must be a whole number of at least 1");
    }
    config.max_attempts = n;
  }
  return config;
}

bool is_throttling_code(std::string_view code) { return contains(kThrottlingCodes, code); }
bool is_transient_code(std::string_view code) { return contains(kTransientCodes, code); }
bool is_clock_skew_code(std::string_view code) { return contains(kClockSkewCodes, code); }

FailureKind classify_error(std::string_view code, int http_status) {
  if (is_throttling_code(code)) return FailureKind::kThrottling;
  if (is_transient_code(code) || contains(kModeledRetryable, code)) return FailureKind::kTransient;
  if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504) {
    return FailureKind::kTransient;
  }
  return FailureKind::kNotRetryable;
}

std::chrono::milliseconds backoff_delay(int attempt, double rand01) {
  const double cap_ms = 20000.0;
  const double base_ms = 1000.0 * std::pow(2.0, std::max(0, attempt - 1));
  return std::chrono::milliseconds(static_cast<long long>(std::clamp(rand01, 0.0, 1.0) * std::min(base_ms, cap_ms)));
}

bool RetryQuota::acquire(FailureKind kind, int& taken) {
  const int cost = kind == FailureKind::kTimeout ? kTimeoutRetryCost : kRetryCost;
  std::lock_guard lock(mutex_);
  if (available_ < cost) return false;
  available_ -= cost;
  taken += cost;
  return true;
}

void RetryQuota::on_success(int taken) {
  std::lock_guard lock(mutex_);
  available_ = std::min(kCapacity, available_ + (taken > 0 ? taken : kNoRetryIncrement));
}

int RetryQuota::available() const {
  std::lock_guard lock(mutex_);
  return available_;
}

}  // namespace nova::aws
