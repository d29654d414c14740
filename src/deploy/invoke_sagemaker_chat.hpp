#pragma once
// The OpenAI-style chat format of Nova models on SageMaker endpoints (deploy.md §3): request
// body, non-streaming answer, and the Server-Sent Events of a streamed answer, whose chunks
// arrive cut at arbitrary PayloadPart boundaries.

#include <string>
#include <string_view>
#include <vector>

#include "nova/invoke.hpp"

namespace nova::deploy {

std::string sagemaker_chat_body(const std::vector<ChatMessage>& messages, const InferenceConfig& config, bool stream);

// @throws ServiceError "InvalidResponse" for a body without choices.
InvokeResult parse_sagemaker_chat_answer(const std::string& body);

class SseChatAccumulator {
 public:
  explicit SseChatAccumulator(TextDeltaHandler on_text) : on_text_(std::move(on_text)) {}
  // Feeds raw bytes; complete events update the result and call on_text for content deltas.
  void feed(std::string_view bytes);
  // The stream ended. @throws ServiceError "InvalidResponse" when it ended before `[DONE]`
  // with an unfinished event.
  InvokeResult finish();

 private:
  void event(std::string_view data);
  TextDeltaHandler on_text_;
  std::string pending_;
  InvokeResult result_;
};

}  // namespace nova::deploy
