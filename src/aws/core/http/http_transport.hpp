#pragma once
// The only network seam. The curl transport implements it; tests wrap the real transport
// in a fault-injecting decorator (never a fake of AWS).

#include <chrono>
#include <memory>
#include <string>

#include "aws/core/http/http_request.hpp"

namespace nova::aws {

// Why no response arrived.
enum class TransportErrorKind { kConnect, kTimeout, kReset, kTls, kAborted, kOther };

struct TransportError {
  TransportErrorKind kind{TransportErrorKind::kOther};
  std::string message;
};

// Either a response (any HTTP status) or a transport error.
struct TransportResult {
  std::optional<HttpResponse> response;
  std::optional<TransportError> error;
  bool ok() const { return response.has_value(); }
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds read_timeout{std::chrono::seconds(60)};  // no bytes for this long -> timeout
  std::string ca_bundle;  // AWS_CA_BUNDLE; TLS verification itself can never be turned off
  // PEM certificates held in memory, trusted instead of ca_bundle and the system store (an
  // EKS cluster's own CA); AWS_CA_BUNDLE is then not consulted.
  std::string ca_pem;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Sends one request. With a sink, the response body goes to the sink on 2xx statuses
  // (error bodies are always collected in HttpResponse::body for error parsing).
  virtual TransportResult send(const HttpRequest& request, const BodySink* sink = nullptr) = 0;
};

}  // namespace nova::aws
