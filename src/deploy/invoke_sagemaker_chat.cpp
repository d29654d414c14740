#include "deploy/invoke_sagemaker_chat.hpp"

#include <nlohmann/json.hpp>

#include "nova/error.hpp"

namespace nova::deploy {
namespace {

using nlohmann::json;

ServiceError invalid_answer(const std::string& what) {
  return ServiceError("SageMaker endpoint answered " + what, "SageMaker Runtime", "InvokeEndpoint", "InvalidResponse",
                      200, "", false);
}

void read_usage(const json& doc, InvokeResult& out) {
  const auto usage = doc.find("usage");
  if (usage == doc.end() || !usage->is_object()) return;
  out.usage.input_tokens = usage->value("prompt_tokens", 0);
  out.usage.output_tokens = usage->value("completion_tokens", 0);
  out.usage.total_tokens = usage->value("total_tokens", out.usage.input_tokens + out.usage.output_tokens);
}

std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

}  // namespace

std::string sagemaker_chat_body(const std::vector<ChatMessage>& messages, const InferenceConfig& config, bool stream) {
  json list = json::array();
  if (config.system) list.push_back({{"role", "system"}, {"content", *config.system}});
  for (const ChatMessage& m : messages) list.push_back({{"role", m.role}, {"content", m.text}});
  json body = {{"messages", list}};
  if (config.max_tokens) body["max_tokens"] = *config.max_tokens;
  if (config.temperature) body["temperature"] = *config.temperature;
  if (config.top_p) body["top_p"] = *config.top_p;
  if (!config.stop_sequences.empty()) body["stop"] = config.stop_sequences;
  if (stream) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }
  return body.dump();
}

InvokeResult parse_sagemaker_chat_answer(const std::string& body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) throw invalid_answer("a body that is not a JSON object");
  const auto choices = doc.find("choices");
  if (choices == doc.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object()) {
    throw invalid_answer("without choices");
  }
  const json& first = (*choices)[0];
  InvokeResult out;
  if (const auto message = first.find("message"); message != first.end() && message->is_object()) {
    out.text = text_of(message->value("content", json()));
  }
  out.stop_reason = text_of(first.value("finish_reason", json()));
  read_usage(doc, out);
  return out;
}

void SseChatAccumulator::feed(std::string_view bytes) {
  pending_.append(bytes);
  std::size_t end;
  while ((end = pending_.find("\n\n")) != std::string::npos) {
    const std::string block = pending_.substr(0, end);
    pending_.erase(0, end + 2);
    // An event's data is the concatenation of its "data:" lines.
    std::string data;
    std::size_t at = 0;
    while (at <= block.size()) {
      std::size_t nl = block.find('\n', at);
      if (nl == std::string::npos) nl = block.size();
      const std::string_view line(block.data() + at, nl - at);
      if (line.substr(0, 5) == "data:") {
        std::string_view value = line.substr(5);
        if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        data.append(value);
      }
      at = nl + 1;
    }
    if (!data.empty()) event(data);
  }
}

void SseChatAccumulator::event(std::string_view data) {
  if (data == "[DONE]") return;
  const json doc = json::parse(data, nullptr, false);
  if (!doc.is_object()) throw invalid_answer("a stream event that is not a JSON object: " + std::string(data.substr(0, 200)));
  read_usage(doc, result_);
  const auto choices = doc.find("choices");
  if (choices == doc.end() || !choices->is_array() || choices->empty()) return;
  const json& first = (*choices)[0];
  if (const auto delta = first.find("delta"); delta != first.end() && delta->is_object()) {
    const std::string text = text_of(delta->value("content", json()));
    if (!text.empty()) {
      result_.text += text;
      if (on_text_) on_text_(text);
    }
  }
  if (const std::string reason = text_of(first.value("finish_reason", json())); !reason.empty()) {
    result_.stop_reason = reason;
  }
}

InvokeResult SseChatAccumulator::finish() {
  if (pending_.find_first_not_of(" \r\n") != std::string::npos) {
    throw invalid_answer("a stream that ended inside an event: " + pending_.substr(0, 200));
  }
  return result_;
}

}  // namespace nova::deploy
