#include "aws/bedrock_runtime/bedrock_runtime_client.hpp"

#include <nlohmann/json.hpp>

#include "aws/core/eventstream/event_stream_call.hpp"
#include "aws/core/http/uri.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;

ServiceDescriptor bedrock_runtime_service() { return {"Bedrock Runtime", "bedrock", Protocol::kRestJson, false}; }

// Inference has no side effect worth guarding: a retried call answers again.
OperationInfo inference_op(const char* name) { return {name, true, false, false}; }

ServiceError invalid_response(const std::string& op, const std::string& what) {
  return ServiceError("Bedrock Runtime " + op + " " + what, "Bedrock Runtime", op, "InvalidResponse", 200, "", false);
}

std::string body_of(const ConverseRequest& r) {
  json messages = json::array();
  for (const ConverseMessage& m : r.messages) {
    messages.push_back({{"role", m.role}, {"content", json::array({{{"text", m.text}}})}});
  }
  json body = {{"messages", messages}};
  if (r.system) body["system"] = json::array({{{"text", *r.system}}});
  json config = json::object();
  if (r.max_tokens) config["maxTokens"] = *r.max_tokens;
  if (r.temperature) config["temperature"] = *r.temperature;
  if (r.top_p) config["topP"] = *r.top_p;
  if (!r.stop_sequences.empty()) config["stopSequences"] = r.stop_sequences;
  if (!config.empty()) body["inferenceConfig"] = config;
  return body.dump();
}

void read_usage(const json& usage, ConverseResult& out) {
  if (!usage.is_object()) return;
  out.input_tokens = usage.value("inputTokens", 0);
  out.output_tokens = usage.value("outputTokens", 0);
  out.total_tokens = usage.value("totalTokens", 0);
}

json parse_object(const std::string& text, const std::string& op) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) throw invalid_response(op, "returned a body that is not a JSON object");
  return doc;
}

// Applies one ConverseStream event to the result.
void apply_event(const eventstream::Message& m, ConverseResult& out, const std::function<void(std::string_view)>& on_text) {
  const std::string op = "ConverseStream";
  const auto type = m.string_header(":message-type").value_or("");
  if (type == "exception" || type == "error") {
    const std::string code = m.string_header(type == "error" ? ":error-code" : ":exception-type").value_or("StreamError");
    const json doc = json::parse(m.payload, nullptr, false);
    std::string message = doc.is_object() ? doc.value("message", m.payload) : m.payload;
    if (type == "error") message = m.string_header(":error-message").value_or(message);
    throw ServiceError("Bedrock Runtime ConverseStream failed mid-stream: " + code + ": " + message, "Bedrock Runtime",
                       op, code, 200, out.request_id, false);
  }
  const std::string event = m.string_header(":event-type").value_or("");
  const json doc = parse_object(m.payload, op);
  if (event == "contentBlockDelta") {
    const auto delta = doc.find("delta");
    if (delta != doc.end() && delta->is_object() && delta->contains("text")) {
      const std::string text = delta->at("text").get<std::string>();
      out.text += text;
      if (on_text) on_text(text);
    }
  } else if (event == "messageStop") {
    out.stop_reason = doc.value("stopReason", "");
  } else if (event == "metadata") {
    if (const auto usage = doc.find("usage"); usage != doc.end()) read_usage(*usage, out);
  }
}

}  // namespace

BedrockRuntimeClient::BedrockRuntimeClient(ClientConfig config) : client_(bedrock_runtime_service(), std::move(config)) {}

ConverseResult BedrockRuntimeClient::converse(const ConverseRequest& request) {
  const OperationInfo op = inference_op("Converse");
  HttpRequest req = client_.new_request("POST", "/model/" + uri_encode(request.model_id) + "/converse");
  frame_rest_json(req, body_of(request));
  const HttpResponse resp = client_.invoke(op, req);
  const json doc = parse_object(resp.body, op.name);
  ConverseResult out;
  out.request_id = request_id_of(resp);
  out.stop_reason = doc.value("stopReason", "");
  const json content = doc.value("/output/message/content"_json_pointer, json::array());
  for (const json& block : content) {
    if (block.is_object() && block.contains("text") && block["text"].is_string()) out.text += block["text"].get<std::string>();
  }
  if (const auto usage = doc.find("usage"); usage != doc.end()) read_usage(*usage, out);
  return out;
}

ConverseResult BedrockRuntimeClient::converse_stream(const ConverseRequest& request,
                                                     const std::function<void(std::string_view)>& on_text) {
  const OperationInfo op = inference_op("ConverseStream");
  HttpRequest req = client_.new_request("POST", "/model/" + uri_encode(request.model_id) + "/converse-stream");
  frame_rest_json(req, body_of(request));
  ConverseResult out;
  out.request_id = request_id_of(eventstream::invoke_event_stream(
      client_, op, req, [&](const eventstream::Message& m) { apply_event(m, out, on_text); }));
  return out;
}

}  // namespace nova::aws
