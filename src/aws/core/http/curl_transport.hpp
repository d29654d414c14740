#pragma once
// HttpTransport over libcurl. Thread-safe: concurrent send() calls each borrow a CURL easy
// handle from a pool, and a handle keeps its connections open between requests, so
// sequential and parallel calls to the same endpoint reuse TCP/TLS connections.
//
// TLS peer and host verification are always on (there is no option to turn them off);
// `TransportOptions::ca_bundle`, else AWS_CA_BUNDLE, replaces the system CA store.
// Proxies: libcurl's own environment handling (https_proxy/HTTPS_PROXY, http_proxy,
// no_proxy/NO_PROXY) is left in effect; the transport never sets a proxy itself.

#include <memory>
#include <string_view>

#include "aws/core/http/http_transport.hpp"

namespace nova::aws {

// A request header this transport consumes instead of sending: with it the request goes out
// on a new connection. libcurl silently sends a request again when the reused connection it
// went out on died before an answer came; a create that takes no client token must never be
// sent twice behind the caller's back (AwsClient sets it for operations it does not retry).
inline constexpr std::string_view kFreshConnectionHeader = "x-nova-fresh-connection";

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(TransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  TransportResult send(const HttpRequest& request, const BodySink* sink = nullptr) override;

  // Connections opened so far (for tests of connection reuse).
  long connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nova::aws
