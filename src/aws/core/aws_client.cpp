#include "aws/core/aws_client.hpp"

#include <fmt/format.h>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/sigv4/crypto.hpp"
#include "aws/core/sigv4/signer.hpp"
#include "core/log.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

constexpr std::string_view kRedacted = "<redacted>";

bool sensitive_header(std::string_view name) {
  static constexpr std::string_view kNames[] = {"authorization", "x-amz-security-token",
                                                "x-amz-server-side-encryption-customer-key",
                                                "x-amz-copy-source-server-side-encryption-customer-key",
                                                "x-aws-ec2-metadata-token", "x-amz-sso_bearer_token", "cookie",
                                                "set-cookie"};
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (const auto n : kNames) {
    if (lower == n) return true;
  }
  return false;
}

// Query parameters of presigned-style URLs that carry secrets.
std::string redact_query(const std::string& query) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= query.size() && !query.empty()) {
    std::size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    std::string item = query.substr(pos, amp - pos);
    const std::size_t eq = item.find('=');
    const std::string key = item.substr(0, eq);
    if (eq != std::string::npos && (key == "X-Amz-Signature" || key == "X-Amz-Security-Token" ||
                                    key == "X-Amz-Credential")) {
      item = key + "=" + std::string(kRedacted);
    }
    if (!out.empty()) out.push_back('&');
    out += item;
    pos = amp + 1;
  }
  return out;
}

std::string format_headers(const Headers& headers) {
  std::string out;
  for (const auto& [k, v] : headers) {
    out += fmt::format("\n    {}: {}", k, sensitive_header(k) ? std::string(kRedacted) : v);
  }
  return out;
}

void log_request(const HttpRequest& r, const Credentials& creds, const std::string& op, int attempt) {
  std::string line = fmt::format("http request {} attempt {}: {} {}://{}{}{}{}", op, attempt, r.method, r.scheme, r.host,
                                 r.path, r.query.empty() ? "" : "?", redact_query(r.query));
  line += format_headers(r.headers);
  core::log(core::LogLevel::kDebug, core::redact(std::move(line), {creds.secret_access_key, creds.session_token}));
}

void log_response(const HttpResponse& r, const Credentials& creds, const std::string& op) {
  std::string line = fmt::format("http response {}: status {}", op, r.status);
  line += format_headers(r.headers);
  if (r.status >= 300 && !r.body.empty()) line += "\n    body: " + r.body.substr(0, 1024);
  core::log(core::LogLevel::kDebug, core::redact(std::move(line), {creds.secret_access_key, creds.session_token}));
}

}  // namespace

AwsClient::AwsClient(ServiceDescriptor service, ClientConfig config)
    : service_(std::move(service)), config_(std::move(config)), rng_(std::random_device{}()) {
  const std::string& url = config_.endpoint;
  const std::size_t sep = url.find("://");
  if (sep == std::string::npos) throw ConfigError("endpoint URL '" + url + "' has no scheme (http:// or https://)");
  scheme_ = url.substr(0, sep);
  if (scheme_ != "http" && scheme_ != "https") {
    throw ConfigError("endpoint URL '" + url + "' must use http or https");
  }
  const std::size_t host_start = sep + 3;
  const std::size_t slash = url.find('/', host_start);
  host_ = url.substr(host_start, slash == std::string::npos ? std::string::npos : slash - host_start);
  if (host_.empty()) throw ConfigError("endpoint URL '" + url + "' has no host");
  if (slash != std::string::npos) base_path_ = url.substr(slash);
  while (!base_path_.empty() && base_path_.back() == '/') base_path_.pop_back();
  if (config_.region.empty()) throw ConfigError("no AWS region for " + service_.service_id);
  if (!config_.transport) config_.transport = std::make_shared<CurlTransport>();
  if (!config_.clock) config_.clock = system_clock();
  if (!config_.clock_offset) config_.clock_offset = std::make_shared<ClockOffset>();
  if (config_.retry.max_attempts < 1) config_.retry.max_attempts = 1;
  if (config_.retry.mode == "adaptive") limiter_ = std::make_unique<AdaptiveRateLimiter>(config_.clock);
}

HttpRequest AwsClient::new_request(std::string method, const std::string& path, std::string query) const {
  HttpRequest r;
  r.method = std::move(method);
  r.scheme = scheme_;
  r.host = host_;
  r.path = base_path_ + (path.empty() ? "/" : path);
  r.query = std::move(query);
  return r;
}

void AwsClient::raise(const OperationInfo& op, const ParsedError& e) const {
  const FailureKind kind = classify_error(e.code, e.http_status);
  const bool retryable = kind == FailureKind::kThrottling || kind == FailureKind::kTransient;
  std::string message = fmt::format("{} {} failed: {} (HTTP {}", service_.service_id, op.name, e.code, e.http_status);
  if (!e.request_id.empty()) message += ", request id " + e.request_id;
  message += ")";
  if (!e.message.empty()) message += ": " + e.message;
  throw ServiceError(std::move(message), service_.service_id, op.name, e.code, e.http_status, e.request_id, retryable);
}

HttpResponse AwsClient::invoke(const OperationInfo& op, const HttpRequest& base, const BodySink* sink) {
  const std::string invocation_id = random_uuid();
  const int max_attempts = config_.retry.max_attempts;
  const bool may_retry = op.idempotent || op.has_client_token;
  int quota_taken = 0;
  bool skew_corrected = false;  // a skew correction is retried once per call

  // Count what reached the caller's sink: a partly delivered body cannot be replayed.
  std::uint64_t delivered = 0;
  BodySink counting;
  if (sink != nullptr && *sink) {
    counting = [&](std::string_view chunk) {
      delivered += chunk.size();
      return (*sink)(chunk);
    };
  }

  for (int attempt = 1;; ++attempt) {
    HttpRequest request = base;
    if (attempt > 1 && request.body.streamed()) {
      if (!request.body.rewind || !request.body.rewind()) {
        throw ServiceError(fmt::format("{} {} failed and its streamed body cannot be replayed for a retry",
                                       service_.service_id, op.name),
                           service_.service_id, op.name, "NetworkError", 0, "", true);
      }
    }
    set_header(request.headers, "amz-sdk-invocation-id", invocation_id);
    set_header(request.headers, "amz-sdk-request", fmt::format("attempt={}; max={}", attempt, max_attempts));

    if (limiter_) limiter_->before_send();  // before signing: a wait must not age the signature

    Credentials creds;
    const std::chrono::milliseconds offset_used = config_.clock_offset->get();
    if (!op.unsigned_request) {
      creds = config_.credentials ? config_.credentials->get() : throw ConfigError("no credentials provider");
      SigningParams params;
      params.region = config_.region;
      params.service = service_.signing_name;
      params.time = config_.clock->now() + offset_used;
      params.s3 = service_.s3_signing;
      params.normalize_path = params.double_encode = !service_.s3_signing;
      sign_request(request, creds, params);
    }
    // What this client does not resend, libcurl must not resend either (set after signing: not sent).
    if (!may_retry || max_attempts == 1) set_header(request.headers, std::string(kFreshConnectionHeader), "1");
    if (core::log_enabled(core::LogLevel::kDebug)) log_request(request, creds, op.name, attempt);

    TransportResult result = config_.transport->send(request, counting ? &counting : nullptr);

    FailureKind kind = FailureKind::kNone;
    std::optional<ParsedError> error;
    if (result.ok()) {
      if (core::log_enabled(core::LogLevel::kDebug)) log_response(*result.response, creds, op.name);
      if (result.response->status < 400) {
        if (limiter_) limiter_->after_response(false);
        quota_.on_success(quota_taken);
        return std::move(*result.response);
      }
      error = parse_error(service_.protocol, *result.response);
      kind = classify_error(error->code, error->http_status);
      if (limiter_) limiter_->after_response(kind == FailureKind::kThrottling);
      // A HEAD error has no body to name it: a 403 may be skew too (the Date decides).
      const bool maybe_skew = is_clock_skew_code(error->code) || (error->http_status == 403 && request.method == "HEAD");
      if (!skew_corrected && !op.unsigned_request && maybe_skew && correct_clock_skew(*result.response, offset_used)) {
        skew_corrected = true;  // the request was refused unread: safe to send again, whatever the op
        continue;
      }
    } else {
      const TransportError& te = *result.error;
      if (core::log_enabled(core::LogLevel::kDebug)) {
        core::log(core::LogLevel::kDebug, fmt::format("http transport error {}: {}", op.name, te.message));
      }
      kind = te.kind == TransportErrorKind::kTimeout ? FailureKind::kTimeout : FailureKind::kTransient;
      if (te.kind == TransportErrorKind::kAborted || te.kind == TransportErrorKind::kTls) {
        kind = FailureKind::kNotRetryable;  // our own consumer stopped, or a certificate problem
      }
      error = ParsedError{"NetworkError", te.message, "", 0};
      if (limiter_) limiter_->after_response(false);  // not a throttle: as the AWS SDKs count it
    }

    const bool retryable_kind = kind == FailureKind::kTransient || kind == FailureKind::kTimeout ||
                                kind == FailureKind::kThrottling;
    const bool can_retry = retryable_kind && may_retry && attempt < max_attempts && delivered == 0 &&
                           quota_.acquire(kind, quota_taken);
    if (!can_retry) {
      if (error->code == "NetworkError") {
        throw ServiceError(fmt::format("{} {} failed: network error: {} (after {} attempt{})", service_.service_id,
                                       op.name, error->message, attempt, attempt == 1 ? "" : "s"),
                           service_.service_id, op.name, "NetworkError", 0, "", retryable_kind);
      }
      raise(op, *error);
    }
    double r = 0.0;
    if (config_.jitter) {
      r = config_.jitter();
    } else {
      std::lock_guard lock(rng_mutex_);
      r = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
    }
    const auto delay = backoff_delay(attempt, r);
    if (core::log_enabled(core::LogLevel::kDebug)) {
      core::log(core::LogLevel::kDebug, fmt::format("retrying {} after {} ({}), attempt {} of {}, backoff {} ms", op.name,
                                                    error->code, error->http_status, attempt + 1, max_attempts,
                                                    delay.count()));
    }
    config_.clock->sleep_for(delay);
  }
}

bool AwsClient::correct_clock_skew(const HttpResponse& response, std::chrono::milliseconds offset_used) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  // AWS accepts signing times within 5 minutes of its own; a smaller difference is no skew.
  constexpr auto kTolerance = std::chrono::minutes(4);
  const std::string* date = find_header(response.headers, "Date");
  const auto server = date != nullptr ? parse_http_date(*date) : std::nullopt;
  if (!server) return config_.clock_offset->get() != offset_used;
  const auto local = config_.clock->now();
  const auto off_by = *server - (local + offset_used);
  if (off_by < kTolerance && off_by > -kTolerance) return config_.clock_offset->get() != offset_used;
  const auto offset = duration_cast<milliseconds>(*server - local);
  config_.clock_offset->set(offset);
  if (core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("{}: the service's clock is {} s ahead of the local clock; "
                                                 "signing with the service's time from now on",
                                                 service_.service_id, offset.count() / 1000));
  }
  return true;
}

}  // namespace nova::aws
