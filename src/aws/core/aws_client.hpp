#pragma once
// The machinery every service client shares: endpoint, signing, retries, error parsing and
// debug logging. A service client owns one AwsClient and turns each operation into an
// HttpRequest, calls `invoke`, and parses the success body.

#include <functional>
#include <memory>
#include <random>
#include <string>

#include "aws/core/clock.hpp"
#include "aws/core/credentials/credentials.hpp"
#include "aws/core/http/http_transport.hpp"
#include "aws/core/protocol/protocol.hpp"
#include "aws/core/retry/adaptive_rate_limiter.hpp"
#include "aws/core/retry/retry_strategy.hpp"

namespace nova::aws {

struct ServiceDescriptor {
  std::string service_id;    // "S3", "STS" (error messages and logs)
  std::string signing_name;  // "s3", "sts"
  Protocol protocol{Protocol::kRestXml};
  bool s3_signing{false};    // S3 URI and payload-hash rules
};

struct ClientConfig {
  std::string endpoint;  // resolved base URL, e.g. "https://sts.us-east-1.amazonaws.com" or "http://127.0.0.1:5000"
  std::string region;    // signing region
  std::shared_ptr<CredentialsProvider> credentials;
  std::shared_ptr<HttpTransport> transport;  // default: a CurlTransport
  std::shared_ptr<const Clock> clock;        // default: the system clock
  // Correction of the local clock learnt from clock-skew errors (a session shares one among
  // its clients). Default: one of the client's own.
  std::shared_ptr<ClockOffset> clock_offset;
  RetryConfig retry{};
  // Random source for backoff jitter in [0,1) (tests make it deterministic).
  std::function<double()> jitter;
};

// How one operation may be retried and signed.
struct OperationInfo {
  std::string name;  // "PutObject"
  // Safe to send twice. Non-idempotent operations are retried only with a client token.
  bool idempotent{true};
  bool has_client_token{false};
  bool unsigned_request{false};  // e.g. STS AssumeRoleWithWebIdentity
};

class AwsClient {
 public:
  // Throws nova::ConfigError for a malformed endpoint or a missing region.
  AwsClient(ServiceDescriptor service, ClientConfig config);

  const ServiceDescriptor& service() const { return service_; }
  const ClientConfig& config() const { return config_; }

  // A request aimed at the endpoint: scheme and host set, `path` (already encoded) appended
  // to the endpoint's own path prefix.
  HttpRequest new_request(std::string method, const std::string& path, std::string query = {}) const;

  // Sends with signing per attempt, retries and error parsing. With a sink, a 2xx body is
  // streamed to it (a download that failed midway is not retried). Returns any 2xx/3xx
  // response; throws nova::ServiceError for an error response or a transport failure
  // (code "NetworkError"), nova::ConfigError when credentials cannot be had.
  HttpResponse invoke(const OperationInfo& op, const HttpRequest& request, const BodySink* sink = nullptr);

  // Throws ServiceError for a parsed error (used for 200-with-<Error> bodies).
  [[noreturn]] void raise(const OperationInfo& op, const ParsedError& error) const;

  int retry_quota_available() const { return quota_.available(); }
  // The adaptive retry mode's rate limiter; null in the other modes.
  const AdaptiveRateLimiter* rate_limiter() const { return limiter_.get(); }

 private:
  // After a clock-skew error: when the server's Date shows the signing time (local clock +
  // `offset_used`) was more than a few minutes off, sets the offset and returns true (retry).
  // Also true when another call corrected the offset meanwhile.
  bool correct_clock_skew(const HttpResponse& response, std::chrono::milliseconds offset_used);

  ServiceDescriptor service_;
  ClientConfig config_;
  std::string scheme_, host_, base_path_;
  RetryQuota quota_;
  std::unique_ptr<AdaptiveRateLimiter> limiter_;
  std::mutex rng_mutex_;
  std::mt19937_64 rng_;
};

}  // namespace nova::aws
