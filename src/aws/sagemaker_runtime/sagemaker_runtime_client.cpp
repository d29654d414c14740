#include "aws/sagemaker_runtime/sagemaker_runtime_client.hpp"

#include <nlohmann/json.hpp>

#include "aws/core/eventstream/event_stream_call.hpp"
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

void apply_event(const eventstream::Message& m, const std::function<void(std::string_view)>& on_bytes) {
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
                     "SageMaker Runtime", "InvokeEndpointWithResponseStream", code, 200, "", false);
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
  (void)eventstream::invoke_event_stream(client_, op, req,
                                         [&](const eventstream::Message& m) { apply_event(m, on_bytes); });
}

}  // namespace nova::aws
