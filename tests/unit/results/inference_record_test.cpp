// Formatting of inference_output.jsonl lines and of evaluation metrics, without AWS.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/error.hpp"
#include "results/eval_metrics.hpp"
#include "results/inference_record.hpp"

namespace nova::results {
namespace {

using ::testing::HasSubstr;

TEST(InferenceRecord, PromptTurnsAnswerAndMetadataAsTheReference) {
  const InferenceRecord r = format_inference_line(
      R"({"prompt": "[{'role': 'system', 'content': 'S'}, {'role': 'user', 'content': \"it's\"}]",)"
      R"( "inference": "['a\\nb \\\\ c']", "gold": "g", "metadata": "m"})",
      "f:1");
  EXPECT_EQ(r.system, "S");
  EXPECT_EQ(r.query, "it's");
  EXPECT_EQ(r.inference_response, "ab  c");
  EXPECT_EQ(r.gold_response, "g");
  EXPECT_EQ(r.metadata_json, "\"m\"");
  EXPECT_EQ(inference_record_json(r),
            R"({"system": "S", "query": "it's", "gold_response": "g", "inference_response": "ab  c", "metadata": "m"})");
}

TEST(InferenceRecord, MissingFieldsAreEmptyAndEmptyMetadataIsLeftOut) {
  for (const char* metadata : {"null", "{}", "[]", "\"\""}) {
    const InferenceRecord r = format_inference_line(std::string(R"({"metadata": )") + metadata + "}", "f:1");
    EXPECT_EQ(r, (InferenceRecord{"", "", "", "", std::nullopt})) << metadata;
  }
  EXPECT_EQ(format_inference_line(R"({"gold": 7, "prompt": "no turns"})", "f:1").gold_response, "7");
}

TEST(InferenceRecord, ALineThatIsNotAnObjectNamesWhere) {
  EXPECT_THAT([] { format_inference_line("[1]", "out.jsonl:4"); },
              ::testing::ThrowsMessage<DataPrepError>(HasSubstr("out.jsonl:4: not a JSON object")));
  EXPECT_THROW(format_inference_line("{", "f:1"), DataPrepError);
}

TEST(EvalMetrics, NumericMetricsWithTheirStderrInFileOrder) {
  const auto metrics = parse_eval_metrics(
      R"({"results": {"b|t|0": {"z": 1, "z_stderr": 0.1, "a": 0.5, "label": "x"}, "a|t|5": {"em": 0}}})", "f");
  ASSERT_EQ(metrics.size(), 3u);
  EXPECT_EQ(metrics[0], (EvaluationMetric{"b|t|0", "z", 1.0, 0.1}));
  EXPECT_EQ(metrics[1], (EvaluationMetric{"b|t|0", "a", 0.5, std::nullopt}));
  EXPECT_EQ(metrics[2], (EvaluationMetric{"a|t|5", "em", 0.0, std::nullopt}));
  EXPECT_TRUE(parse_eval_metrics(R"({"other": 1})", "f").empty());
  EXPECT_THAT([] { parse_eval_metrics("[]", "results_1.json"); },
              ::testing::ThrowsMessage<DataPrepError>(HasSubstr("results_1.json")));
  EXPECT_EQ(format_metrics_table(metrics), "task  | metric |  value | stderr\n"
                                           "b|t|0 | z      | 1.0000 | 0.1000\n"
                                           "b|t|0 | a      | 0.5000 |      -\n"
                                           "a|t|5 | em     | 0.0000 |      -\n");
}

}  // namespace
}  // namespace nova::results
