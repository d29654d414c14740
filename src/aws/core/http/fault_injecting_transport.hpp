#pragma once
// A decorator around any HttpTransport that injects scripted faults in front of the real
// transport: throttling and 5xx responses, connection resets, timeouts, a slow body. Tests
// put it in front of the curl transport talking to moto (never a fake of AWS); users can
// do the same to test their own retry handling.

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aws/core/clock.hpp"
#include "aws/core/http/http_transport.hpp"

namespace nova::aws {

struct Fault {
  enum class Kind {
    kPassThrough,  // send the request for real
    kResponse,     // answer with `status`, `headers` and `body` instead of sending
    kTransport,    // fail with `error` (no response)
    kSlowBody,     // send for real, but deliver the body in `chunk`-sized pieces `delay` apart
  };
  Kind kind{Kind::kPassThrough};
  int status{0};
  Headers headers;
  std::string body;
  TransportErrorKind error{TransportErrorKind::kReset};
  // kTransport and kResponse: forward the request first, then drop the real response (the
  // server acted on the request but the client never learnt it: a reset after sending, or a
  // 5xx from a front end after the service did the work).
  bool after_send{false};
  std::size_t chunk{16 * 1024};
  std::chrono::milliseconds delay{0};

  /// S3 (rest-xml) error response, e.g. s3_error(503, "SlowDown").
  static Fault s3_error(int status, const std::string& code, const std::string& message = "injected fault");
  /// Query-protocol (STS, IAM) error response, e.g. query_error(400, "Throttling").
  static Fault query_error(int status, const std::string& code, const std::string& message = "injected fault");
  /// json / rest-json error response, e.g. json_error(400, "ThrottlingException").
  static Fault json_error(int status, const std::string& code, const std::string& message = "injected fault");
  /// No response: connection reset, timeout, connect failure...
  static Fault transport(TransportErrorKind kind, bool after_send = false);
  static Fault slow_body(std::size_t chunk, std::chrono::milliseconds delay);
  static Fault pass();
};

class FaultInjectingTransport final : public HttpTransport {
 public:
  // `clock` paces slow bodies (a test clock makes them instant).
  explicit FaultInjectingTransport(std::shared_ptr<HttpTransport> inner,
                                   std::shared_ptr<const Clock> clock = system_clock());

  // Appends to the script: each send() consumes the next fault; an empty script passes through.
  void push(Fault fault);
  void push(Fault fault, int times);
  // A rule consulted before the script, for targeted faults ("fail every UploadPart of part 3").
  // Returning std::nullopt defers to the script.
  using Rule = std::function<std::optional<Fault>(const HttpRequest&)>;
  void set_rule(Rule rule);
  void clear();

  TransportResult send(const HttpRequest& request, const BodySink* sink = nullptr) override;

  // What was seen, for assertions.
  int calls() const;
  std::vector<HttpRequest> requests() const;  // headers only; bodies are not kept

 private:
  std::shared_ptr<HttpTransport> inner_;
  std::shared_ptr<const Clock> clock_;
  mutable std::mutex mutex_;
  std::deque<Fault> script_;
  Rule rule_;
  std::vector<HttpRequest> seen_;
};

}  // namespace nova::aws
