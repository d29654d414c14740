#include "deploy/invoke_sagemaker_chat.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "nova/error.hpp"

namespace nova::deploy {
namespace {

using nlohmann::json;

const std::string kStream =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo \\u00e9\"},\"finish_reason\":null}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
    "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n"
    "data: [DONE]\n\n";

TEST(SageMakerChat, BodyIsOpenAiStyleWithTheSystemPromptFirst) {
  InferenceConfig config;
  config.system = "Be brief.";
  config.max_tokens = 10;
  config.temperature = 0.5;
  const json body = json::parse(sagemaker_chat_body({{"user", "hi"}, {"assistant", "yo"}, {"user", "ok"}}, config, true));
  EXPECT_EQ(body["messages"], json::parse(R"([{"role":"system","content":"Be brief."},{"role":"user","content":"hi"},
                                               {"role":"assistant","content":"yo"},{"role":"user","content":"ok"}])"));
  EXPECT_EQ(body["max_tokens"], 10);
  EXPECT_EQ(body["temperature"], 0.5);
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["stream_options"]["include_usage"], true);
  EXPECT_FALSE(json::parse(sagemaker_chat_body({{"user", "hi"}}, {}, false)).contains("stream"));
}

TEST(SageMakerChat, AnswerGivesTextFinishReasonAndUsage) {
  const InvokeResult r = parse_sagemaker_chat_answer(
      R"({"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},
          "finish_reason":"length"}],"usage":{"prompt_tokens":4,"completion_tokens":1,"total_tokens":5}})");
  EXPECT_EQ(r.text, "Hi!");
  EXPECT_EQ(r.stop_reason, "length");
  EXPECT_EQ(r.usage.input_tokens, 4);
  EXPECT_EQ(r.usage.output_tokens, 1);
  EXPECT_EQ(r.usage.total_tokens, 5);
  EXPECT_THROW(parse_sagemaker_chat_answer(R"({"choices":[]})"), ServiceError);
  EXPECT_THROW(parse_sagemaker_chat_answer("not json"), ServiceError);
}

TEST(SageMakerChat, StreamCutAtAnyByteGivesTheSameAnswer) {
  for (std::size_t piece : {1U, 2U, 7U, 50U, 10000U}) {
    std::string deltas;
    SseChatAccumulator acc([&](std::string_view t) { deltas += t; });
    for (std::size_t at = 0; at < kStream.size(); at += piece) acc.feed(std::string_view(kStream).substr(at, piece));
    const InvokeResult r = acc.finish();
    EXPECT_EQ(r.text, "Hello \xc3\xa9") << "piece " << piece;
    EXPECT_EQ(deltas, r.text);
    EXPECT_EQ(r.stop_reason, "stop");
    EXPECT_EQ(r.usage.total_tokens, 5);
  }
}

TEST(SageMakerChat, StreamEndingInsideAnEventIsAnError) {
  SseChatAccumulator acc(nullptr);
  acc.feed("data: {\"choices\":[{\"delta\":{\"content\":\"par");
  EXPECT_THROW(acc.finish(), ServiceError);
  SseChatAccumulator bad(nullptr);
  EXPECT_THROW(bad.feed("data: not-json\n\n"), ServiceError);
}

}  // namespace
}  // namespace nova::deploy
