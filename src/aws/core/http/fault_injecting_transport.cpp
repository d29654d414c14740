#include "aws/core/http/fault_injecting_transport.hpp"

namespace nova::aws {

Fault Fault::s3_error(int status, const std::string& code, const std::string& message) {
  Fault f;
  f.kind = Kind::kResponse;
  f.status = status;
  f.headers = {{"Content-Type", "application/xml"}, {"x-amz-request-id", "FAULT-" + code}};
  f.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message +
           "</Message><RequestId>FAULT-" + code + "</RequestId><HostId>fault</HostId></Error>";
  return f;
}

Fault Fault::query_error(int status, const std::string& code, const std::string& message) {
  Fault f;
  f.kind = Kind::kResponse;
  f.status = status;
  f.headers = {{"Content-Type", "text/xml"}, {"x-amzn-RequestId", "FAULT-" + code}};
  f.body = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>" +
           code + "</Code><Message>" + message + "</Message></Error><RequestId>FAULT-" + code +
           "</RequestId></ErrorResponse>";
  return f;
}

Fault Fault::json_error(int status, const std::string& code, const std::string& message) {
  Fault f;
  f.kind = Kind::kResponse;
  f.status = status;
  f.headers = {{"Content-Type", "application/x-amz-json-1.1"},
               {"x-amzn-RequestId", "FAULT-" + code},
               {"x-amzn-ErrorType", code}};
  f.body = "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}";
  return f;
}

Fault Fault::transport(TransportErrorKind kind, bool after_send) {
  Fault f;
  f.kind = Kind::kTransport;
  f.error = kind;
  f.after_send = after_send;
  return f;
}

Fault Fault::slow_body(std::size_t chunk, std::chrono::milliseconds delay) {
  Fault f;
  f.kind = Kind::kSlowBody;
  f.chunk = chunk == 0 ? 1 : chunk;
  f.delay = delay;
  return f;
}

Fault Fault::pass() { return Fault{}; }

FaultInjectingTransport::FaultInjectingTransport(std::shared_ptr<HttpTransport> inner,
                                                 std::shared_ptr<const Clock> clock)
    : inner_(std::move(inner)), clock_(std::move(clock)) {}

void FaultInjectingTransport::push(Fault fault) {
  std::lock_guard lock(mutex_);
  script_.push_back(std::move(fault));
}

void FaultInjectingTransport::push(Fault fault, int times) {
  for (int i = 0; i < times; ++i) push(fault);
}

void FaultInjectingTransport::set_rule(Rule rule) {
  std::lock_guard lock(mutex_);
  rule_ = std::move(rule);
}

void FaultInjectingTransport::clear() {
  std::lock_guard lock(mutex_);
  script_.clear();
  rule_ = nullptr;
  seen_.clear();
}

int FaultInjectingTransport::calls() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(seen_.size());
}

std::vector<HttpRequest> FaultInjectingTransport::requests() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

TransportResult FaultInjectingTransport::send(const HttpRequest& request, const BodySink* sink) {
  Fault fault;
  {
    std::lock_guard lock(mutex_);
    HttpRequest copy;
    copy.method = request.method;
    copy.scheme = request.scheme;
    copy.host = request.host;
    copy.path = request.path;
    copy.query = request.query;
    copy.headers = request.headers;
    seen_.push_back(std::move(copy));
    std::optional<Fault> chosen = rule_ ? rule_(request) : std::nullopt;
    if (!chosen && !script_.empty()) {
      chosen = std::move(script_.front());
      script_.pop_front();
    }
    if (chosen) fault = std::move(*chosen);
  }
  switch (fault.kind) {
    case Fault::Kind::kPassThrough:
      return inner_->send(request, sink);
    case Fault::Kind::kResponse: {
      if (fault.after_send) (void)inner_->send(request, nullptr);
      TransportResult r;
      r.response = HttpResponse{fault.status, fault.headers, fault.body};
      return r;
    }
    case Fault::Kind::kTransport: {
      if (fault.after_send) (void)inner_->send(request, nullptr);
      TransportResult r;
      r.error = TransportError{fault.error, "injected transport fault"};
      return r;
    }
    case Fault::Kind::kSlowBody: {
      // Deliver the real body piecewise, pausing between pieces.
      const bool to_sink = sink != nullptr && *sink;
      std::string collected;  // without a sink the body ends up in the response, as usual
      BodySink slow = [&](std::string_view data) {
        while (!data.empty()) {
          const std::size_t n = std::min(fault.chunk, data.size());
          if (fault.delay.count() > 0) clock_->sleep_for(fault.delay);
          if (to_sink) {
            if (!(*sink)(data.substr(0, n))) return false;
          } else {
            collected.append(data.substr(0, n));
          }
          data.remove_prefix(n);
        }
        return true;
      };
      TransportResult r = inner_->send(request, &slow);
      if (r.response && !to_sink) r.response->body = collected + r.response->body;
      return r;
    }
  }
  return inner_->send(request, sink);
}

}  // namespace nova::aws
