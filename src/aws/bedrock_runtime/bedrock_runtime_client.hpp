#pragma once
// Amazon Bedrock Runtime (rest-json, signing name "bedrock"): Converse and ConverseStream
// with text content, for custom-model deployments and provisioned throughput.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/core/aws_client.hpp"

namespace nova::aws {

struct ConverseMessage {
  std::string role;  // "user" | "assistant"
  std::string text;
};

struct ConverseRequest {
  std::string model_id;  // model id, deployment ARN or provisioned-model ARN
  std::vector<ConverseMessage> messages;
  std::optional<std::string> system;
  std::optional<int> max_tokens;
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::vector<std::string> stop_sequences;
};

struct ConverseResult {
  std::string text;
  std::string stop_reason;
  int input_tokens{0}, output_tokens{0}, total_tokens{0};
  std::string request_id;
};

class BedrockRuntimeClient {
 public:
  explicit BedrockRuntimeClient(ClientConfig config);

  ConverseResult converse(const ConverseRequest& request);
  // Streams the answer: `on_text` gets each text delta as it arrives; the result holds the
  // whole text, stop reason and usage. An exception event in the stream throws ServiceError
  // with its code and message; a corrupt frame throws ServiceError "InvalidEventStream".
  ConverseResult converse_stream(const ConverseRequest& request, const std::function<void(std::string_view)>& on_text);

 private:
  AwsClient client_;
};

}  // namespace nova::aws
