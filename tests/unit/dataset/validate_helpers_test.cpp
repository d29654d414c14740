// The Python string semantics the validators reproduce, and the validator dispatch.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dataset/issue_sink.hpp"
#include "dataset/validate/field_path.hpp"
#include "dataset/validate/python_text.hpp"
#include "dataset/validate/reserved_keywords.hpp"
#include "dataset/validate/s3_uri.hpp"
#include "dataset/validate/validator.hpp"
#include "nova/dataset.hpp"
#include "nova/error.hpp"
#include "support/test_paths.hpp"

namespace nova::dataset {
namespace {

using ::testing::HasSubstr;
namespace text = python_text;

TEST(ValidatePythonText, BlankMeansStripLeavesNothing) {
  EXPECT_TRUE(text::is_blank(""));
  EXPECT_TRUE(text::is_blank(" \t\n\r\v\f"));
  EXPECT_TRUE(text::is_blank("\x1c\x1d\x1e\x1f"));  // Python counts the separators as whitespace
  EXPECT_TRUE(text::is_blank("\xc2\x85\xc2\xa0"));  // NEL, NO-BREAK SPACE
  EXPECT_TRUE(text::is_blank("\xe3\x80\x80\xe2\x80\xa8\xe2\x80\xaf\xe1\x9a\x80"));  // U+3000 U+2028 U+202F U+1680
  EXPECT_FALSE(text::is_blank("\xe2\x80\x8b"));  // ZERO WIDTH SPACE is not whitespace
  EXPECT_FALSE(text::is_blank("\xef\xbb\xbf"));  // nor is a BOM
  EXPECT_FALSE(text::is_blank("\xe1\xa0\x8e"));  // U+180E stopped being whitespace in Unicode 6.3
  EXPECT_FALSE(text::is_blank("  a  "));
  EXPECT_FALSE(text::is_blank("\xc3\xa9"));
}

TEST(ValidatePythonText, LowerEqualsFollowsPythonLower) {
  EXPECT_TRUE(text::lower_equals("JPEG", "jpeg"));
  EXPECT_TRUE(text::lower_equals("WebP", "webp"));
  EXPECT_TRUE(text::lower_equals("M\xe2\x84\xaaV", "mkv"));  // KELVIN SIGN lower-cases to 'k'
  EXPECT_FALSE(text::lower_equals("M\xe2\x84\xaaV", "mev"));
  EXPECT_FALSE(text::lower_equals("P\xc4\xb0NG", "ping"));  // U+0130 lower-cases to "i\u0307"
  EXPECT_FALSE(text::lower_equals("jpeg ", "jpeg"));
  EXPECT_FALSE(text::lower_equals("jpe", "jpeg"));
  EXPECT_FALSE(text::lower_equals("", "pdf"));
  EXPECT_TRUE(text::lower_equals("", ""));
}

TEST(ValidatePythonText, ContainsLoweredIgnoresAsciiCase) {
  EXPECT_TRUE(text::contains_lowered("data:image/png;BASE64,xx", ";base64,"));
  EXPECT_TRUE(text::contains_lowered(";Base64,", ";base64,"));
  EXPECT_FALSE(text::contains_lowered("data:image/png;base 64,", ";base64,"));
  EXPECT_FALSE(text::contains_lowered(";base6", ";base64,"));
  static_assert(text::is_lowered_needle(";base64,"));
  static_assert(!text::is_lowered_needle("mkv"));  // 'k' also matches KELVIN SIGN
  static_assert(!text::is_lowered_needle("Bot:"));
}

TEST(ValidatePythonText, WordPathIsPythonUnicodeWordClass) {
  EXPECT_TRUE(text::is_path_of_word_characters("bucket/dir-1/file_2.png"));
  EXPECT_TRUE(text::is_path_of_word_characters("bucket/caf\xc3\xa9/\xe6\x96\x87\xe4\xbb\xb6.png"));  // letters of any script
  EXPECT_TRUE(text::is_path_of_word_characters("bucket/\xc2\xb2\xd9\xa3"));  // superscript two, Arabic-Indic three
  EXPECT_FALSE(text::is_path_of_word_characters("bucket/key.png\n"));  // the reference's `$` lets this pass
  EXPECT_FALSE(text::is_path_of_word_characters("bucket/key.png\n\n"));
  EXPECT_FALSE(text::is_path_of_word_characters("\n"));
  EXPECT_FALSE(text::is_path_of_word_characters(""));
  EXPECT_FALSE(text::is_path_of_word_characters("bucket/e\xcc\x81.png"));  // combining mark is not \w
  for (const char* bad : {"a b", "a+b", "a%20", "a=b", "a:b", "a?b", "a\tb", "a~b"}) {
    EXPECT_FALSE(text::is_path_of_word_characters(bad)) << bad;
  }
  EXPECT_FALSE(text::is_path_of_word_characters("bucket/\xf0\x9f\x99\x82"));  // emoji
}

TEST(ValidatePythonText, WordCodePointTableEdges) {
  EXPECT_TRUE(text::is_word_code_point(U'_'));
  EXPECT_FALSE(text::is_word_code_point(U'-'));
  EXPECT_TRUE(text::is_word_code_point(0xAA));    // first non-ASCII entry
  EXPECT_FALSE(text::is_word_code_point(0xAB));
  EXPECT_FALSE(text::is_word_code_point(0x10FFFF));
  EXPECT_TRUE(text::is_word_code_point(0x4E00));  // CJK
  EXPECT_FALSE(text::is_word_code_point(0x0301));
}

TEST(ValidateReservedKeywords, CaseInsensitiveSubstringsOfTheReferenceList) {
  EXPECT_EQ(describe_keywords(find_reserved_keywords("User: hi")), "User:");
  EXPECT_EQ(describe_keywords(find_reserved_keywords("a robot: beeps")), "Bot:");
  EXPECT_EQ(describe_keywords(find_reserved_keywords("<IMAGE> and <Video> then [eos]")), "<image>, <video>, [EOS]");
  EXPECT_EQ(describe_keywords(find_reserved_keywords("ASSISTANT: user: bot:")), "Bot:, Assistant:, User:");
  EXPECT_EQ(find_reserved_keywords("System: be brief"), 0u);  // not in the reference list
  EXPECT_EQ(find_reserved_keywords("User : Bot ; <image [EOS"), 0u);
  EXPECT_EQ(find_reserved_keywords(":<[:"), 0u);
  EXPECT_EQ(find_reserved_keywords(""), 0u);
  EXPECT_EQ(describe_keywords(find_reserved_keywords("\xc3\xa9User:")), "User:");
}

TEST(ValidateS3Uri, SchemeThenWordCharacters) {
  EXPECT_EQ(check_s3_uri("s3://bucket/key.png"), S3UriProblem::kNone);
  EXPECT_EQ(check_s3_uri("S3://bucket/key.png"), S3UriProblem::kScheme);
  EXPECT_EQ(check_s3_uri("bucket/key.png"), S3UriProblem::kScheme);
  EXPECT_EQ(check_s3_uri("s3://"), S3UriProblem::kCharacters);
  EXPECT_EQ(check_s3_uri("s3://bucket/my key.png"), S3UriProblem::kCharacters);
  // The reference removes every "s3://" before its character check; only the scheme is removed here.
  EXPECT_EQ(check_s3_uri("s3://bucket/s3://key.png"), S3UriProblem::kCharacters);
  EXPECT_EQ(check_s3_uri("s3://bucket/key.png\n"), S3UriProblem::kCharacters);
  EXPECT_EQ(check_s3_uri("s3://s3://"), S3UriProblem::kCharacters);
  EXPECT_EQ(check_s3_uri("s3://b/s3:/key"), S3UriProblem::kCharacters);
}

TEST(ValidateFieldPath, RendersOnlyWhenAsked) {
  const FieldPath root;
  const FieldPath messages = root.key("messages");
  const FieldPath message = messages.index(0);
  const FieldPath content = message.key("content");
  const FieldPath block = content.index(12);
  const FieldPath format = block.key("format");
  EXPECT_EQ(root.str(), "");
  EXPECT_EQ(format.str(), "messages[0].content[12].format");
  EXPECT_EQ(format.last_key(), "format");
  EXPECT_EQ(block.last_key(), "");
}

TEST(ValidateDispatch, RftOnlyForNovaLite2) {
  std::string skipped;
  EXPECT_NE(make_validator(TrainingMethod::RFT_LORA, Model::NOVA_LITE_2, std::nullopt, skipped), nullptr);
  try {
    make_validator(TrainingMethod::RFT_FULL, Model::NOVA_PRO, std::nullopt, skipped);
    FAIL() << "RFT on a Nova 1 model must be refused";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("RFT is only supported on Nova 2.0 Lite (NOVA_LITE_2). Current model: Model.NOVA_PRO"));
  }
}

TEST(ValidateDispatch, DpoOnlyForNova1) {
  std::string skipped;
  EXPECT_EQ(make_validator(TrainingMethod::DPO_LORA, Model::NOVA_MICRO, std::nullopt, skipped)->dataset_kind(), "DPO");
  EXPECT_THROW(make_validator(TrainingMethod::DPO_FULL, Model::NOVA_LITE_2, std::nullopt, skipped), ValueError);
}

TEST(ValidateDispatch, LlmJudgeTasksAreSkipped) {
  for (const auto task : {EvaluationTask::LLM_JUDGE, EvaluationTask::RUBRIC_LLM_JUDGE}) {
    std::string skipped;
    EXPECT_EQ(make_validator(TrainingMethod::EVALUATION, Model::NOVA_LITE, task, skipped), nullptr);
    EXPECT_EQ(skipped, "LLM Judge validation not yet implemented, skipping validation.");
  }
  std::string skipped;
  EXPECT_EQ(make_validator(TrainingMethod::EVALUATION, Model::NOVA_LITE, EvaluationTask::MMLU, skipped)->dataset_kind(),
            "Evaluation BYOD");
  EXPECT_EQ(make_validator(TrainingMethod::EVALUATION, Model::NOVA_LITE, std::nullopt, skipped)->dataset_kind(),
            "Evaluation BYOD");
  EXPECT_TRUE(skipped.empty());
}

TEST(ValidateDispatch, DatasetKinds) {
  std::string skipped;
  EXPECT_EQ(make_validator(TrainingMethod::SFT_FULL, Model::NOVA_MICRO, std::nullopt, skipped)->dataset_kind(), "SFT");
  EXPECT_EQ(make_validator(TrainingMethod::CPT, Model::NOVA_LITE_2, std::nullopt, skipped)->dataset_kind(), "CPT");
}

ValidationReport check_text(const std::string& jsonl, TrainingMethod method, Model model, std::size_t max_issues = 1000) {
  testing::TempDir dir;
  const auto file = dir.write("d.jsonl", jsonl);
  JSONLDatasetLoader loader;
  loader.load(file.string());
  return loader.check(method, model, std::nullopt, max_issues);
}

TEST(ValidateMessages, CarryTheReferenceWording) {
  const auto report = check_text(
      R"({"schemaVersion": "v1", "messages": [{"role": "user", "content": [{"image": {"format": "jpg", "source": {"s3Location": {"uri": "s3://b/k.png", "bucketOwner": "1"}}}}]}, {"role": "assistant", "content": [{"text": "User: hi"}]}]})"
      "\n",
      TrainingMethod::SFT_LORA, Model::NOVA_LITE);
  ASSERT_EQ(report.issues.size(), 3u);
  EXPECT_EQ(report.issues[0].message, "Invalid schemaVersion 'v1', must be 'bedrock-conversation-2024'");
  EXPECT_EQ(report.issues[1].message, "Invalid image format, supported formats are ['jpeg', 'png', 'gif', 'webp']");
  EXPECT_THAT(report.issues[1].hint, HasSubstr("jpeg"));
  EXPECT_EQ(report.issues[2].message, "Invalid text content, please do not use these keywords: User:");
  EXPECT_EQ(report.issues[2].record, 0u);
  EXPECT_EQ(report.issues[2].line, 1u);
}

TEST(ValidateMessages, GenericFormatAndConsistency) {
  const auto generic = check_text("{\"question\": \"q\", \"answer\": \"a\"}\n", TrainingMethod::SFT_LORA, Model::NOVA_LITE);
  ASSERT_EQ(generic.issues.size(), 1u);
  EXPECT_THAT(generic.issues[0].message, HasSubstr("Dataset appears to be in a generic format"));
  EXPECT_THAT(generic.issues[0].hint, HasSubstr("transform"));

  const auto mixed = check_text("{\"query\": \"q\", \"response\": \"r\"}\n{\"query\": \"q\", \"response\": \"r\", \"system\": \"s\"}\n",
                                TrainingMethod::EVALUATION, Model::NOVA_LITE);
  ASSERT_EQ(mixed.issues.size(), 1u);
  EXPECT_EQ(mixed.issues[0].message,
            "Dataset consistency error: If any sample contains 'system', all samples must contain 'system'. "
            "Field missing in sample 0 but present in sample 1.");
  EXPECT_EQ(mixed.issues[0].record, 1u);
}

TEST(ValidateMessages, IssuesBeyondTheCapAreCountedNotKept) {
  std::string jsonl;
  for (int i = 0; i < 50; ++i) jsonl += "{\"text\": \"\", \"extra\": 1}\n";
  const auto report = check_text(jsonl, TrainingMethod::CPT, Model::NOVA_LITE, 10);
  EXPECT_EQ(report.issues.size(), 10u);
  EXPECT_EQ(report.total_issues, 100u);
  EXPECT_EQ(report.invalid_records, 50u);
  EXPECT_FALSE(report.valid);
}

}  // namespace
}  // namespace nova::dataset
