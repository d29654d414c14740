#pragma once
/// @file
/// Asking a deployed model: Bedrock Runtime Converse for on-demand deployments and
/// provisioned throughput (the model id is the deployment / provisioned-model ARN), SageMaker
/// Runtime InvokeEndpoint for SageMaker endpoints (OpenAI-style chat body), with a streaming
/// variant (ConverseStream / InvokeEndpointWithResponseStream).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nova/aws.hpp"
#include "nova/deploy.hpp"

namespace nova {

/// One turn of a conversation.
struct ChatMessage {
  std::string role;  ///< "user" or "assistant"
  std::string text;
};

/// Sampling settings; unset ones are left to the model's defaults.
struct InferenceConfig {
  std::optional<std::string> system;  ///< a system prompt
  std::optional<int> max_tokens;      ///< >= 1
  std::optional<double> temperature;  ///< 0..1 (Bedrock), 0..2 (SageMaker)
  std::optional<double> top_p;        ///< (0, 1]
  std::vector<std::string> stop_sequences;
};

struct TokenUsage {
  int input_tokens{0};
  int output_tokens{0};
  int total_tokens{0};
};

struct InvokeResult {
  std::string text;
  /// As the service reports it: Bedrock "end_turn", "max_tokens", "stop_sequence", ...;
  /// SageMaker "stop", "length", ...
  std::string stop_reason;
  TokenUsage usage;
  std::string request_id;
};

/// Receives each piece of text as the model produces it.
using TextDeltaHandler = std::function<void(std::string_view text)>;

/// @throws ValueError no messages, a role other than user/assistant, out-of-range settings,
///   an endpoint without a usable ARN or name
/// @throws ServiceError AWS answered with an error; ConfigError no region or credentials
InvokeResult invoke(const EndpointInfo& endpoint, const std::vector<ChatMessage>& messages,
                    const InferenceConfig& config = {}, const AwsOptions& aws = {});
/// A single user prompt.
InvokeResult invoke(const EndpointInfo& endpoint, const std::string& prompt, const InferenceConfig& config = {},
                    const AwsOptions& aws = {});
/// Streams the answer to `on_text`; returns the whole answer once the stream ends.
InvokeResult invoke_stream(const EndpointInfo& endpoint, const std::vector<ChatMessage>& messages,
                           const TextDeltaHandler& on_text, const InferenceConfig& config = {},
                           const AwsOptions& aws = {});

}  // namespace nova
