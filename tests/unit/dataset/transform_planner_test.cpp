// Dispatch and format detection of transform(), below the golden files: which
// combinations are refused, which converter a set of records selects, and the edges of
// the hand-written schema matchers.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <memory>
#include <string>
#include <vector>

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transformer.hpp"
#include "nova/error.hpp"

namespace nova::dataset {
namespace {

using simdjson::dom::element;

// Parses with a parser per record so all elements stay valid together.
class Records {
 public:
  element add(const std::string& json) {
    parsers_.emplace_back(std::make_unique<simdjson::dom::parser>());
    return parsers_.back()->parse(json);
  }

 private:
  std::vector<std::unique_ptr<simdjson::dom::parser>> parsers_;
};

// What finish() chose: "pass-through", "generic" or "OpenAI messages".
std::string plan(TrainingMethod method, Model model, const std::vector<std::string>& records,
                 ColumnMappings mappings = {}) {
  Records parsed;
  TransformPlanner planner(method, model, std::move(mappings));
  for (const auto& r : records) planner.observe(parsed.add(r));
  auto transformer = planner.finish();
  return transformer ? std::string(transformer->source_format()) : "pass-through";
}

bool sft1(const std::string& json) {
  Records r;
  return matches_sft_converse_schema(r.add(json), false);
}
bool sft2(const std::string& json) {
  Records r;
  return matches_sft_converse_schema(r.add(json), true);
}

constexpr const char* kConverse =
    R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Q"}]}, )"
    R"({"role": "assistant", "content": [{"text": "A"}]}]})";
constexpr const char* kOpenAi =
    R"({"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]})";

TEST(TransformSupport, RefusesWhatTheReferenceDoesNotTransform) {
  for (Model model : {Model::NOVA_MICRO, Model::NOVA_LITE, Model::NOVA_PRO, Model::NOVA_LITE_2}) {
    for (TrainingMethod method :
         {TrainingMethod::SFT_LORA, TrainingMethod::SFT_FULL, TrainingMethod::EVALUATION, TrainingMethod::CPT}) {
      EXPECT_NO_THROW(check_transform_supported(method, model)) << to_string(method) << " " << to_string(model);
    }
    EXPECT_THROW(check_transform_supported(TrainingMethod::DPO_LORA, model), ValueError);
    EXPECT_THROW(check_transform_supported(TrainingMethod::DPO_FULL, model), ValueError);
    const bool rft_ok = model == Model::NOVA_LITE_2;
    for (TrainingMethod method : {TrainingMethod::RFT_LORA, TrainingMethod::RFT_FULL}) {
      if (rft_ok) {
        EXPECT_NO_THROW(check_transform_supported(method, model));
      } else {
        EXPECT_THROW(check_transform_supported(method, model), ValueError) << to_string(model);
      }
    }
  }
}

TEST(TransformSupport, PlannerRefusesBeforeSeeingRecords) {
  try {
    TransformPlanner planner(TrainingMethod::RFT_LORA, Model::NOVA_MICRO, {});
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(),
                 "The combination of training method TrainingMethod.RFT_LORA and model Model.NOVA_MICRO is not yet "
                 "supported.\nNote: RFT is only supported on Nova 2.0.");
  }
}

TEST(TransformPlanner, EmptyDataPassesThrough) {
  EXPECT_EQ(plan(TrainingMethod::SFT_LORA, Model::NOVA_LITE, {}), "pass-through");
  EXPECT_EQ(plan(TrainingMethod::CPT, Model::NOVA_LITE, {}), "pass-through");
}

TEST(TransformPlanner, EveryRecordMustMatchForPassThrough) {
  EXPECT_EQ(plan(TrainingMethod::SFT_LORA, Model::NOVA_LITE, {kConverse, kConverse}), "pass-through");
  // One record in another format sends the whole dataset to a converter.
  EXPECT_EQ(plan(TrainingMethod::SFT_LORA, Model::NOVA_LITE, {kConverse, kOpenAi}), "generic");
  EXPECT_EQ(plan(TrainingMethod::SFT_LORA, Model::NOVA_LITE, {kOpenAi, kOpenAi}), "OpenAI messages");
  EXPECT_EQ(plan(TrainingMethod::SFT_FULL, Model::NOVA_LITE_2, {kOpenAi, R"({"q": 1})"}), "generic");
}

TEST(TransformPlanner, DecidedOnceNoRecordCanChangeThePlan) {
  Records parsed;
  TransformPlanner sft(TrainingMethod::SFT_LORA, Model::NOVA_LITE, {});
  EXPECT_FALSE(sft.decided());
  sft.observe(parsed.add(kConverse));
  EXPECT_FALSE(sft.decided());
  sft.observe(parsed.add(kOpenAi));  // neither all-Converse nor all-OpenAI any more
  EXPECT_TRUE(sft.decided());
  EXPECT_EQ(sft.finish()->source_format(), "generic");

  TransformPlanner openai(TrainingMethod::SFT_LORA, Model::NOVA_LITE_2, {});
  openai.observe(parsed.add(kOpenAi));
  EXPECT_FALSE(openai.decided());  // a later record may still break the OpenAI format

  TransformPlanner cpt(TrainingMethod::CPT, Model::NOVA_LITE, {});
  cpt.observe(parsed.add(R"({"text": "t"})"));
  EXPECT_FALSE(cpt.decided());
  cpt.observe(parsed.add(R"({"body": "b"})"));
  EXPECT_TRUE(cpt.decided());
}

TEST(TransformPlanner, OnlySftHasAnOpenAiConverter) {
  EXPECT_EQ(plan(TrainingMethod::EVALUATION, Model::NOVA_LITE, {kOpenAi}), "generic");
  EXPECT_EQ(plan(TrainingMethod::CPT, Model::NOVA_LITE, {kOpenAi}), "generic");
  // OpenAI messages are already RFT's format.
  EXPECT_EQ(plan(TrainingMethod::RFT_LORA, Model::NOVA_LITE_2, {kOpenAi}), "pass-through");
  // ...unless reference_answer is not an object.
  EXPECT_EQ(plan(TrainingMethod::RFT_LORA, Model::NOVA_LITE_2,
                 {R"({"messages": [{"role": "user", "content": "Q"}], "reference_answer": "42"})"}),
            "generic");
}

TEST(TransformPlanner, NovaTwoBlocksAreNotNovaOneConverse) {
  const std::string reasoning =
      R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "assistant", "content": )"
      R"([{"reasoningContent": {"reasoningText": {"text": "r"}}}]}]})";
  EXPECT_EQ(plan(TrainingMethod::SFT_LORA, Model::NOVA_LITE_2, {reasoning}), "pass-through");
  EXPECT_EQ(plan(TrainingMethod::SFT_LORA, Model::NOVA_PRO, {reasoning}), "generic");
}

TEST(ConverseSchema, TopLevel) {
  EXPECT_TRUE(sft1(kConverse));
  EXPECT_FALSE(sft1(
      R"({"schemaVersion": "bedrock-conversation-2023", "messages": [{"role": "user", "content": [{"text": "Q"}]}]})"));
  EXPECT_FALSE(sft1(R"({"messages": [{"role": "user", "content": [{"text": "Q"}]}]})"));
  EXPECT_FALSE(sft1(R"({"schemaVersion": "bedrock-conversation-2024", "messages": []})"));
  EXPECT_FALSE(sft1(
      R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Q"}]}], "id": 1})"));
  EXPECT_FALSE(sft1("[]"));
  EXPECT_FALSE(sft1(R"("text")"));
}

TEST(ConverseSchema, SystemHoldsExactlyOneTextBlock) {
  const std::string head =
      R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Q"}]}], "system": )";
  EXPECT_TRUE(sft1(head + R"([{"text": "S"}]})"));
  EXPECT_FALSE(sft1(head + R"([]})"));
  EXPECT_FALSE(sft1(head + R"([{"text": "S"}, {"text": "T"}]})"));
  EXPECT_FALSE(sft1(head + R"([{"text": "S", "cache": true}]})"));
  EXPECT_FALSE(sft1(head + R"([{"text": null}]})"));
}

TEST(ConverseSchema, ContentBlocksHoldExactlyOneKnownKey) {
  auto with_block = [](const std::string& block) {
    return std::string(R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [)") +
           block + "]}]}";
  };
  const std::string s3 = R"("source": {"s3Location": {"uri": "s3://b/k", "bucketOwner": "1"}})";
  EXPECT_TRUE(sft1(with_block(R"({"image": {"format": "jpg", )" + s3 + "}}")));
  EXPECT_TRUE(sft1(with_block(R"({"video": {"format": "avi", )" + s3 + "}}")));
  // Formats the validators accept but the transform schema does not.
  EXPECT_FALSE(sft1(with_block(R"({"image": {"format": "gif", )" + s3 + "}}")));
  EXPECT_FALSE(sft1(with_block(R"({"video": {"format": "mkv", )" + s3 + "}}")));
  EXPECT_FALSE(sft1(with_block(R"({"document": {"format": "pdf", )" + s3 + "}}")));
  EXPECT_FALSE(sft1(with_block(R"({"image": {"format": "png", "source": {"s3Location": {"uri": "s3://b/k"}}}})")));
  EXPECT_FALSE(sft1(with_block(R"({"image": {"format": "png", "source": {}}})")));
  EXPECT_FALSE(sft1(with_block(R"({"text": "a", "image": {"format": "png", )" + s3 + "}}")));
  EXPECT_FALSE(sft1(with_block("{}")));
  EXPECT_FALSE(
      sft1(R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": []}]})"));
  EXPECT_FALSE(sft1(
      R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "system", "content": [{"text": "S"}]}]})"));
}

TEST(ConverseSchema, NovaTwoToolBlocksAndConfig) {
  const std::string tool_use = R"({"toolUse": {"toolUseId": "t", "name": "n", "input": {}}})";
  const std::string tool_result = R"({"toolResult": {"toolUseId": "t", "content": []}})";
  auto with_blocks = [](const std::string& blocks, const std::string& tail = "") {
    return std::string(R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [)") +
           blocks + "]}]" + tail + "}";
  };
  EXPECT_TRUE(sft2(with_blocks(tool_use + ", " + tool_result)));
  EXPECT_FALSE(sft1(with_blocks(tool_use)));
  EXPECT_FALSE(sft2(with_blocks(R"({"toolUse": {"toolUseId": "t", "name": "n", "input": "x"}})")));
  EXPECT_FALSE(sft2(with_blocks(R"({"toolResult": {"toolUseId": "t", "content": [{"json": {}}]}})")));
  const std::string config =
      R"(, "toolConfig": {"tools": [{"toolSpec": {"name": "n", "inputSchema": {"json": {"type": "object"}}}}]})";
  EXPECT_TRUE(sft2(with_blocks(R"({"text": "x"})", config)));
  EXPECT_FALSE(sft1(with_blocks(R"({"text": "x"})", config)));
  EXPECT_FALSE(sft2(with_blocks(R"({"text": "x"})", R"(, "toolConfig": {"tools": [{"toolSpec": {"name": "n"}}]})")));
  EXPECT_FALSE(sft2(with_blocks(R"({"text": "x"})", R"(, "toolConfig": {})")));
}

TEST(OpenAiSchema, MessagesAndTools) {
  Records r;
  EXPECT_TRUE(matches_openai_messages_schema(r.add(kOpenAi)));
  EXPECT_TRUE(matches_openai_messages_schema(r.add(R"({"messages": [{"role": "assistant", "content": null}]})")));
  EXPECT_TRUE(matches_openai_messages_schema(r.add(R"({"messages": [{"role": "tool"}]})")));
  EXPECT_FALSE(matches_openai_messages_schema(r.add(R"({"messages": []})")));
  EXPECT_FALSE(matches_openai_messages_schema(r.add(R"({"messages": [{"content": "no role"}]})")));
  EXPECT_FALSE(matches_openai_messages_schema(r.add(R"({"messages": [{"role": "developer", "content": "x"}]})")));
  EXPECT_FALSE(
      matches_openai_messages_schema(r.add(R"({"messages": [{"role": "user", "content": "x", "name": "n"}]})")));
  EXPECT_FALSE(matches_openai_messages_schema(
      r.add(R"({"messages": [{"role": "user", "content": [{"type": "text", "text": "x"}]}]})")));
  EXPECT_FALSE(matches_openai_messages_schema(r.add(R"({"messages": [{"role": "user", "content": "x"}], "id": 1})")));
  EXPECT_TRUE(matches_openai_messages_schema(r.add(
      R"({"messages": [{"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{}", "extra": 1}}]}]})")));
  EXPECT_FALSE(matches_openai_messages_schema(r.add(
      R"({"messages": [{"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": {}}}]}]})")));
  EXPECT_FALSE(matches_openai_messages_schema(r.add(
      R"({"messages": [{"role": "assistant", "tool_calls": [{"type": "function", "function": {"name": "f", "arguments": "{}"}}]}]})")));
  EXPECT_TRUE(matches_openai_messages_schema(r.add(
      R"({"messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}]})")));
  EXPECT_FALSE(matches_openai_messages_schema(r.add(
      R"({"messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function", "function": {"parameters": {}}}]})")));
}

TEST(OtherSchemas, RftEvalCpt) {
  Records r;
  EXPECT_TRUE(matches_rft_openai_schema(
      r.add(R"({"messages": [{"role": "developer", "content": "x", "name": "n"}], "anything": 1})")));
  EXPECT_FALSE(matches_rft_openai_schema(
      r.add(R"({"messages": [{"role": "user", "content": "x"}], "reference_answer": ["a"]})")));
  EXPECT_FALSE(matches_rft_openai_schema(r.add(R"({"messages": [{"role": "bot", "content": "x"}]})")));
  EXPECT_TRUE(matches_eval_gen_qa_schema(r.add(R"({"query": "q", "response": "r", "images": []})")));
  EXPECT_FALSE(matches_eval_gen_qa_schema(r.add(R"({"query": "q", "response": "r", "metadata": null})")));
  EXPECT_FALSE(matches_eval_gen_qa_schema(r.add(R"({"query": "q", "response": "r", "id": 1})")));
  EXPECT_FALSE(
      matches_eval_gen_qa_schema(r.add(R"({"query": "q", "response": "r", "images": [{"data": "d", "x": 1}]})")));
  EXPECT_TRUE(matches_cpt_schema(r.add(R"({"text": ""})")));
  EXPECT_FALSE(matches_cpt_schema(r.add(R"({"text": "t", "id": 1})")));
  EXPECT_FALSE(matches_cpt_schema(r.add(R"({"text": 1})")));
  EXPECT_FALSE(matches_cpt_schema(r.add(R"({})")));
}

}  // namespace
}  // namespace nova::dataset
