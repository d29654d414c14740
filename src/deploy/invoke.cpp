#include "nova/invoke.hpp"

#include <fmt/format.h>

#include "aws/bedrock_runtime/bedrock_runtime_client.hpp"
#include "aws/sagemaker_runtime/sagemaker_runtime_client.hpp"
#include "aws/session/session_for.hpp"
#include "deploy/invoke_sagemaker_chat.hpp"
#include "nova/error.hpp"

namespace nova {
namespace {

void check_request(const std::vector<ChatMessage>& messages, const InferenceConfig& config) {
  if (messages.empty()) throw ValueError("invoke needs at least one message");
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].role != "user" && messages[i].role != "assistant") {
      throw ValueError(fmt::format("message {} has role '{}'; valid roles: user, assistant (a system prompt goes in "
                                   "InferenceConfig::system)",
                                   i, messages[i].role));
    }
  }
  if (messages.front().role != "user") throw ValueError("the first message must come from the user");
  if (config.max_tokens && *config.max_tokens < 1) {
    throw ValueError(fmt::format("max_tokens must be at least 1, not {}", *config.max_tokens));
  }
  if (config.temperature && (*config.temperature < 0.0 || *config.temperature > 2.0)) {
    throw ValueError(fmt::format("temperature must be between 0 and 2, not {}", *config.temperature));
  }
  if (config.top_p && (*config.top_p <= 0.0 || *config.top_p > 1.0)) {
    throw ValueError(fmt::format("top_p must be in (0, 1], not {}", *config.top_p));
  }
}

// The region of an ARN (arn:<partition>:<service>:<region>:...), or "".
std::string region_of(const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) return {};
  std::size_t at = 0;
  for (int field = 0; field < 3; ++field) {
    at = arn.find(':', at);
    if (at == std::string::npos) return {};
    ++at;
  }
  const std::size_t end = arn.find(':', at);
  return end == std::string::npos ? std::string() : arn.substr(at, end - at);
}

// A deployment is asked in its own region unless the caller names one.
AwsOptions options_for(const EndpointInfo& endpoint, AwsOptions aws) {
  if (!aws.region) {
    if (std::string region = region_of(endpoint.uri); !region.empty()) aws.region = std::move(region);
  }
  return aws;
}

std::string sagemaker_endpoint_name(const EndpointInfo& endpoint) {
  if (!endpoint.endpoint_name.empty()) return endpoint.endpoint_name;
  const auto slash = endpoint.uri.find(":endpoint/");
  if (slash == std::string::npos) {
    throw ValueError("SageMaker endpoint has neither a name nor an endpoint ARN (arn:aws:sagemaker:<region>:<account>:"
                     "endpoint/<name>); got '" + endpoint.uri + "'");
  }
  return endpoint.uri.substr(slash + 10);
}

aws::ConverseRequest converse_request(const EndpointInfo& endpoint, const std::vector<ChatMessage>& messages,
                                      const InferenceConfig& config) {
  if (endpoint.uri.empty()) {
    throw ValueError(fmt::format("{} deployment '{}' has no ARN to invoke", to_string(endpoint.platform),
                                 endpoint.endpoint_name));
  }
  aws::ConverseRequest r;
  r.model_id = endpoint.uri;
  for (const ChatMessage& m : messages) r.messages.push_back({m.role, m.text});
  r.system = config.system;
  r.max_tokens = config.max_tokens;
  r.temperature = config.temperature;
  r.top_p = config.top_p;
  r.stop_sequences = config.stop_sequences;
  return r;
}

InvokeResult from_converse(const aws::ConverseResult& c) {
  return {c.text, c.stop_reason, {c.input_tokens, c.output_tokens, c.total_tokens}, c.request_id};
}

InvokeResult run(const EndpointInfo& endpoint, const std::vector<ChatMessage>& messages, const InferenceConfig& config,
                 const AwsOptions& aws, const TextDeltaHandler* on_text) {
  check_request(messages, config);
  const auto session = aws::session_for(options_for(endpoint, aws));
  if (endpoint.platform == DeployPlatform::SAGEMAKER) {
    aws::SageMakerRuntimeClient client(session->client_config("sagemaker-runtime"));
    const std::string name = sagemaker_endpoint_name(endpoint);
    if (!on_text) {
      const auto answer = client.invoke_endpoint(name, deploy::sagemaker_chat_body(messages, config, false));
      InvokeResult out = deploy::parse_sagemaker_chat_answer(answer.body);
      out.request_id = answer.request_id;
      return out;
    }
    deploy::SseChatAccumulator accumulator(*on_text);
    client.invoke_endpoint_with_response_stream(name, deploy::sagemaker_chat_body(messages, config, true),
                                                [&](std::string_view bytes) { accumulator.feed(bytes); });
    return accumulator.finish();
  }
  aws::BedrockRuntimeClient client(session->client_config("bedrock-runtime"));
  const aws::ConverseRequest request = converse_request(endpoint, messages, config);
  return from_converse(on_text ? client.converse_stream(request, *on_text) : client.converse(request));
}

}  // namespace

InvokeResult invoke(const EndpointInfo& endpoint, const std::vector<ChatMessage>& messages,
                    const InferenceConfig& config, const AwsOptions& aws) {
  return run(endpoint, messages, config, aws, nullptr);
}

InvokeResult invoke(const EndpointInfo& endpoint, const std::string& prompt, const InferenceConfig& config,
                    const AwsOptions& aws) {
  if (prompt.empty()) throw ValueError("invoke needs a non-empty prompt");
  return run(endpoint, {{"user", prompt}}, config, aws, nullptr);
}

InvokeResult invoke_stream(const EndpointInfo& endpoint, const std::vector<ChatMessage>& messages,
                           const TextDeltaHandler& on_text, const InferenceConfig& config, const AwsOptions& aws) {
  return run(endpoint, messages, config, aws, &on_text);
}

}  // namespace nova
