// SMTJBatchInferenceResult against the stand-in (moto behind it): an output archive with
// `<job>/eval_results/inference_output.jsonl` put where a finished job leaves it, formatted
// as the reference does, written as JSONL to S3 or a local file; bad archives, a missing
// member, a bad line and a stopped job each answered clearly.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "nova/results.hpp"
#include "support/job_output_fixture.hpp"
#include "support/standin_suite.hpp"
#include "support/tar_gz.hpp"
#include "support/test_paths.hpp"

namespace nova {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using nova::testing::tar_gz;

constexpr const char* kBucket = "nova-inference-results";
constexpr const char* kOutput = "s3://nova-inference-results/output";

// Two lines as the job writes them: the prompt is the text of a Python list of dicts.
const std::string kLines =
    R"({"prompt": "[{'role': 'system', 'content': 'Be brief.'}, {'role': 'user', 'content': 'What is 2+2?'}]", )"
    R"("inference": "['4\\n']", "gold": "4", "metadata": {"id": 1}})"
    "\n"
    R"({"prompt": "[{'role': 'user', 'content': \"It's été?\"}]", "inference": "['Oui']", "gold": "yes", )"
    R"("metadata": {}})"
    "\n";

const std::string kJsonl =
    R"({"system": "Be brief.", "query": "What is 2+2?", "gold_response": "4", "inference_response": "4", )"
    R"("metadata": {"id": 1}})"
    "\n"
    R"({"system": "", "query": "It's été?", "gold_response": "yes", "inference_response": "Oui"})";

class ResultsInferenceTest : public nova::testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    aws::Session().s3().create_bucket(kBucket);
  }

  SMTJBatchInferenceResult finished_job(const std::string& stem, const std::string& archive, bool stopped = false) {
    const std::string job = nova::testing::unique_job_name(stem);
    nova::testing::create_job(job, kOutput, stopped);
    const std::string path = nova::testing::put_object(kBucket, "output/" + job + "/output/output.tar.gz", archive);
    return SMTJBatchInferenceResult(job, std::chrono::system_clock::now(), path);
  }

  static std::string archive_with(const std::string& lines) {
    return tar_gz({{"job/eval_results/results_1.json", "{}"}, {"job/eval_results/inference_output.jsonl", lines}});
  }
};

TEST_F(ResultsInferenceTest, RecordsAreFormattedAsTheReferenceDoes) {
  SMTJBatchInferenceResult result = finished_job("infer-ok", archive_with(kLines));
  const InferenceResults out = result.get();
  EXPECT_EQ(out.status, JobStatus::COMPLETED);
  EXPECT_TRUE(out.message.empty());
  EXPECT_THAT(out.records,
              ElementsAre(InferenceRecord{"Be brief.", "What is 2+2?", "4", "4", std::string(R"({"id": 1})")},
                          InferenceRecord{"", "It's été?", "yes", "Oui", std::nullopt}));
  EXPECT_EQ(out.to_jsonl(), kJsonl);
  EXPECT_EQ(out.to_json(), R"({"results": [)" + out.to_jsonl().replace(kJsonl.find('\n'), 1, ", ") + "]}");
  EXPECT_THAT(out.to_json("inference_results"), ::testing::StartsWith(R"({"inference_results": [{"system")"));
  EXPECT_FALSE(out.saved_to.has_value());
  EXPECT_TRUE(fs::exists(result.cache_directory() / "inference_output.jsonl"));

  std::ostringstream shown;
  result.show(shown);
  EXPECT_EQ(shown.str(), "Inference Results for job_id=" + result.job_id() + ":\n" + kJsonl + "\n");
  result.clean();
  EXPECT_FALSE(fs::exists(result.cache_directory()));
}

TEST_F(ResultsInferenceTest, RecordsAreWrittenAsJsonLinesToS3OrALocalFile) {
  SMTJBatchInferenceResult result = finished_job("infer-save", archive_with(kLines));
  const InferenceResults out = result.get("s3://" + std::string(kBucket) + "/formatted/results.jsonl");
  EXPECT_EQ(out.saved_to, "s3://" + std::string(kBucket) + "/formatted/results.jsonl");
  std::string body;
  const aws::ObjectInfo info = aws::Session().s3().get_object(kBucket, "formatted/results.jsonl", [&](std::string_view c) {
    body.append(c);
    return true;
  });
  EXPECT_EQ(body, kJsonl);
  EXPECT_EQ(info.content_type, "application/jsonlines");

  nova::testing::TempDir tmp;
  const fs::path local = tmp / "deep/dir/results.jsonl";
  result.get(local.string());
  EXPECT_EQ(nova::testing::read_file(local), kJsonl);
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp / "deep/dir"), fs::directory_iterator()), 1)
      << "no temporary file beside the written one";
  EXPECT_THROW(result.get("s3://" + std::string(kBucket) + "/dir/"), ValueError);
  result.clean();
}

TEST_F(ResultsInferenceTest, AnArchiveWithoutInferenceOutputSaysWhatWasExpected) {
  SMTJBatchInferenceResult result = finished_job("infer-nomember", tar_gz({{"job/eval_results/results_1.json", "{}"}}));
  EXPECT_THAT([&] { result.get(); },
              ::testing::ThrowsMessage<DataPrepError>(::testing::AllOf(
                  HasSubstr(result.inference_output_path()), HasSubstr("eval_results/inference_output.jsonl"))));
  EXPECT_FALSE(fs::exists(result.cache_directory() / "inference_output.jsonl"));
}

TEST_F(ResultsInferenceTest, CorruptArchiveAndBadLinesAreNamed) {
  SMTJBatchInferenceResult corrupt = finished_job("infer-corrupt", std::string("\x1f\x8b garbage", 10));
  EXPECT_THAT([&] { corrupt.get(); }, ::testing::ThrowsMessage<DataPrepError>(HasSubstr(corrupt.inference_output_path())));
  EXPECT_FALSE(fs::exists(corrupt.cache_directory() / "inference_output.jsonl"));

  SMTJBatchInferenceResult bad = finished_job("infer-badline", archive_with(kLines + "not json\n"));
  EXPECT_THAT([&] { bad.get(); }, ::testing::ThrowsMessage<DataPrepError>(HasSubstr("inference_output.jsonl:3")));
  bad.clean();
}

TEST_F(ResultsInferenceTest, AnOutputPathInAnotherBucketIsRefused) {
  const std::string job = nova::testing::unique_job_name("infer-otherbucket");
  nova::testing::create_job(job, "s3://nova-somewhere-else/output");
  const std::string path = nova::testing::put_object(kBucket, "output/" + job + "/output/output.tar.gz", archive_with(kLines));
  SMTJBatchInferenceResult result(job, std::chrono::system_clock::now(), path);
  EXPECT_THAT([&] { result.get(); }, ::testing::ThrowsMessage<ValueError>(HasSubstr("nova-somewhere-else")));
  EXPECT_FALSE(fs::exists(result.cache_directory()));
}

TEST_F(ResultsInferenceTest, AStoppedJobHasNoRecordsAndSaysWhy) {
  SMTJBatchInferenceResult result = finished_job("infer-stopped", archive_with(kLines), /*stopped=*/true);
  const InferenceResults out = result.get("s3://" + std::string(kBucket) + "/never.jsonl");
  EXPECT_EQ(out.status, JobStatus::FAILED);
  EXPECT_TRUE(out.records.empty());
  EXPECT_EQ(out.message, "Cannot show inference result. Job '" + result.job_id() + "' in Stopped status.");
  EXPECT_FALSE(out.saved_to.has_value());
  EXPECT_FALSE(fs::exists(result.cache_directory()));
}

}  // namespace
}  // namespace nova
