#include "aws/sagemaker_runtime/sagemaker_runtime_client.hpp"

#include <exception>
#include <nlohmann/json.hpp>

#include "aws/core/eventstream/event_stream.hpp"
#include "aws/core/http/uri.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

ServiceDescriptor sagemaker_runtime_service() {
  return {"SageMaker Runtime", "sagemaker", Protocol::kRestJson, false};
}

// Not retried: an invocation may have run (and been billed) even when its answer was lost.
OperationInfo invoke_op(const char* name) { return {name, false, false, false}; }

std::string header_of(const HttpResponse& resp, std::string_view name) {
  const std::string* value = find_header(resp.headers, name);
  return value ? *value : std::string();
}

void apply_event(const eventstream::Message& m, const std::function<void(std::string_view)>& on_bytes,
                 const std::string& request_id) {
  const auto type = m.string_header(":message-type").value_or("");
  const std::string event = m.string_header(":event-type").value_or("");
  if (type == "event" && event == "PayloadPart") {
    if (on_bytes) on_bytes(m.payload);
    return;
  }
  if (type == "event" && event != "ModelStreamError" && event != "InternalStreamFailure") return;
  const std::string code =
      type == "event" ? event : m.string_header(type == "error" ? ":error-code" : ":exception-type").value_or("StreamError");
  const auto doc = nlohmann::json::parse(m.payload, nullptr, false);
  const std::string message = doc.is_object() ? doc.value("Message", doc.value("message", m.payload)) : m.payload;
  throw ServiceError("SageMaker Runtime InvokeEndpointWithResponseStream failed mid-stream: " + code + ": " + message,
                     "SageMaker Runtime", "InvokeEndpointWithResponseStream", code, 200, request_id, false);
}

}  // namespace

SageMakerRuntimeClient::SageMakerRuntimeClient(ClientConfig config)
    : client_(sagemaker_runtime_service(), std::move(config)) {}

InvokeEndpointResult SageMakerRuntimeClient::invoke_endpoint(const std::string& endpoint_name, std::string body,
                                                             const std::string& content_type, const std::string& accept) {
  HttpRequest req = client_.new_request("POST", "/endpoints/" + uri_encode(endpoint_name) + "/invocations");
  req.body.data = std::move(body);
  set_header(req.headers, "Content-Type", content_type);
  set_header(req.headers, "Accept", accept);
  const HttpResponse resp = client_.invoke(invoke_op("InvokeEndpoint"), req);
  return {resp.body, header_of(resp, "Content-Type"), header_of(resp, "x-Amzn-Invoked-Production-Variant"),
          request_id_of(resp)};
}

void SageMakerRuntimeClient::invoke_endpoint_with_response_stream(
    const std::string& endpoint_name, std::string body, const std::function<void(std::string_view)>& on_bytes,
    const std::string& content_type) {
  const OperationInfo op = invoke_op("InvokeEndpointWithResponseStream");
  HttpRequest req =
      client_.new_request("POST", "/endpoints/" + uri_encode(endpoint_name) + "/invocations-response-stream");
  req.body.data = std::move(body);
  set_header(req.headers, "Content-Type", content_type);
  set_header(req.headers, "X-Amzn-SageMaker-Accept", "application/json");
  eventstream::Decoder decoder;
  std::exception_ptr failure;
  std::string request_id;
  // Errors in the sink are kept and the transfer aborted: exceptions must not cross curl.
  const BodySink sink = [&](std::string_view chunk) {
    try {
      for (const auto& m : decoder.feed(chunk)) apply_event(m, on_bytes, request_id);
      return true;
    } catch (...) {
      failure = std::current_exception();
      return false;
    }
  };
  try {
    request_id = request_id_of(client_.invoke(op, req, &sink));
  } catch (const ServiceError&) {
    if (!failure) throw;
  }
  try {
    if (failure) std::rethrow_exception(failure);
    decoder.finish();
  } catch (const eventstream::EventStreamError& e) {
    throw ServiceError(std::string("SageMaker Runtime InvokeEndpointWithResponseStream: ") + e.what(),
                       "SageMaker Runtime", op.name, "InvalidEventStream", 200, request_id, false);
  }
}

}  // namespace nova::aws
