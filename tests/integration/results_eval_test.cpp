// SMTJEvaluationResult against the stand-in (moto behind it): output archives with the
// documented layout put where a finished evaluation job leaves them, read back as metrics,
// shown as a table, cached, their TensorBoard folder uploaded; bad archives, a missing
// results file, a path in another bucket and a stopped job each answered clearly.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "nova/results.hpp"
#include "support/job_output_fixture.hpp"
#include "support/standin_suite.hpp"
#include "support/tar_gz.hpp"

namespace nova {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using nova::testing::tar_gz;

constexpr const char* kBucket = "nova-eval-results";
constexpr const char* kOutput = "s3://nova-eval-results/output";

constexpr const char* kResultsJson = R"({"results": {"mmlu|abstract_algebra|0": {"acc": 0.5, "acc_stderr": 0.05},
 "mmlu|anatomy|0": {"acc": 0.75, "acc_stderr": 0.025, "note": "text"}}, "config": {"model": "nova"}})";

class ResultsEvalTest : public nova::testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    aws::Session().s3().create_bucket(kBucket);
    aws::Session().s3().create_bucket("nova-other-bucket");
  }

  // A completed job with `archive_for(job)` at <output>/<job>/output/output.tar.gz.
  static SMTJEvaluationResult finished_job(const std::string& stem,
                                           const std::function<std::string(const std::string&)>& archive_for,
                                           bool stopped = false) {
    const std::string job = nova::testing::unique_job_name(stem);
    nova::testing::create_job(job, kOutput, stopped);
    const std::string path =
        nova::testing::put_object(kBucket, "output/" + job + "/output/output.tar.gz", archive_for(job));
    return SMTJEvaluationResult(job, std::chrono::system_clock::now(), EvaluationTask::MMLU, path);
  }

  static std::string documented_archive(const std::string& job) {
    return tar_gz({{job + "/eval_results/results_2025-01-01T00-00-00.json", kResultsJson},
                   {job + "/eval_results/tensorboard_results/eval/events.out.tfevents.1", "tf-1"},
                   {job + "/eval_results/tensorboard_results/eval/sub/events.out.tfevents.2", "tf-2"},
                   {job + "/eval_results/details/model/details_mmlu.parquet", "PAR1"}});
  }

  // Nothing of `result`'s download is left in the cache: no directory, no staging leftovers.
  static void expect_nothing_cached(const EvaluationResult& result) {
    EXPECT_FALSE(fs::exists(result.cache_directory()));
    const fs::path root = result.cache_directory().parent_path();
    if (!fs::exists(root)) return;
    for (const auto& e : fs::directory_iterator(root)) {
      EXPECT_THAT(e.path().filename().string(), ::testing::Not(HasSubstr(result.cache_directory().filename().string())));
    }
  }
};

TEST_F(ResultsEvalTest, CompletedJobGivesTheFirstResultsFileAsMetrics) {
  SMTJEvaluationResult result = finished_job("eval-ok", documented_archive);
  const std::string& job = result.job_id();
  const std::string& path = result.eval_output_path();
  const EvaluationMetrics metrics = result.get();
  EXPECT_EQ(metrics.status, JobStatus::COMPLETED);
  EXPECT_EQ(metrics.raw_status, "Completed");
  EXPECT_TRUE(metrics.message.empty());
  EXPECT_EQ(metrics.json, kResultsJson);
  ASSERT_TRUE(metrics.results_file.has_value());
  EXPECT_TRUE(metrics.results_file->string().starts_with(result.cache_directory().string()));
  EXPECT_THAT(metrics.metrics, ElementsAre(EvaluationMetric{"mmlu|abstract_algebra|0", "acc", 0.5, 0.05},
                                           EvaluationMetric{"mmlu|anatomy|0", "acc", 0.75, 0.025}));
  EXPECT_EQ(result.cache_directory().filename(), "eval_results_" + job);
  EXPECT_TRUE(result.cache_directory().string().starts_with((*cache_dir_ / "results").string()));

  // The cache is reused: the archive gone from S3, the next call still answers.
  aws::Session().s3().delete_object(kBucket, "output/" + job + "/output/output.tar.gz");
  EXPECT_EQ(result.get().json, kResultsJson);
  SMTJEvaluationResult again(job, std::chrono::system_clock::now(), EvaluationTask::MMLU, path);
  EXPECT_EQ(again.get().metrics.size(), 2u);

  result.clean();
  EXPECT_FALSE(fs::exists(result.cache_directory()));
  EXPECT_THROW(result.get(), DataPrepError) << "cleaned, and the archive no longer exists";
}

TEST_F(ResultsEvalTest, ShowPrintsATableOfTaskMetricValueAndStderr) {
  SMTJEvaluationResult result = finished_job("eval-show", documented_archive);
  const std::string& job = result.job_id();
  std::ostringstream out;
  result.show(out);
  EXPECT_EQ(out.str(), "Evaluation Results for job_id=" + job +
                           ", eval_task=mmlu:\n"
                           "task                    | metric |  value | stderr\n"
                           "mmlu|abstract_algebra|0 | acc    | 0.5000 | 0.0500\n"
                           "mmlu|anatomy|0          | acc    | 0.7500 | 0.0250\n");
  result.clean();
}

TEST_F(ResultsEvalTest, TensorboardFolderIsUploadedBesideTheArchiveByDefault) {
  SMTJEvaluationResult result = finished_job("eval-tb", documented_archive);
  const std::string& job = result.job_id();
  EXPECT_EQ(result.upload_tensorboard_results(), 2u);
  std::vector<std::string> keys;
  aws::ListObjectsV2Request list;
  list.bucket = kBucket;
  list.prefix = "output/" + job + "/output/tensorboard_results/";
  aws::Session().s3().list_all_objects(list, [&](const aws::ObjectSummary& o) { keys.push_back(o.key); });
  EXPECT_THAT(keys, ElementsAre(list.prefix + "eval/events.out.tfevents.1", list.prefix + "eval/sub/events.out.tfevents.2"));

  // An explicit target without a trailing '/' still gets one between prefix and file.
  EXPECT_EQ(result.upload_tensorboard_results("s3://nova-other-bucket/tb"), 2u);
  keys.clear();
  list.bucket = "nova-other-bucket";
  list.prefix = "tb/";
  aws::Session().s3().list_all_objects(list, [&](const aws::ObjectSummary& o) { keys.push_back(o.key); });
  EXPECT_THAT(keys, ElementsAre("tb/eval/events.out.tfevents.1", "tb/eval/sub/events.out.tfevents.2"));
  EXPECT_THROW(result.upload_tensorboard_results("/local/dir"), ValueError);
  result.clean();
}

TEST_F(ResultsEvalTest, HyperPodStyleOutputPrefixIsMirroredPageByPage) {
  const std::string job = nova::testing::unique_job_name("eval-prefix");
  nova::testing::create_job(job, kOutput);
  const std::string base = "output/" + job + "/eval-result/";
  for (int i = 0; i < 3; ++i) nova::testing::put_object(kBucket, base + "details/part-" + std::to_string(i), "x");
  nova::testing::put_object(kBucket, base + "results_2025.json", kResultsJson);
  nova::testing::put_object(kBucket, "output/" + job + "/eval-result-old/results_2024.json", "{}");
  SMTJEvaluationResult result(job, std::chrono::system_clock::now(), EvaluationTask::MMLU,
                              "s3://" + std::string(kBucket) + "/" + base);
  const EvaluationMetrics metrics = result.get();
  EXPECT_EQ(metrics.json, kResultsJson);
  EXPECT_TRUE(fs::exists(result.cache_directory() / "details/part-2"));
  EXPECT_FALSE(fs::exists(result.cache_directory() / "results_2024.json")) << "a sibling prefix is not mirrored";
  result.clean();
}

TEST_F(ResultsEvalTest, AnArchiveWithoutResultsFileIsEmptyWithAMessage) {
  SMTJEvaluationResult result = finished_job("eval-nofile", [](const std::string&) { return tar_gz({{"job/eval_results/other.json", "{}"}}); });
  const EvaluationMetrics metrics = result.get();
  EXPECT_TRUE(metrics.empty());
  EXPECT_EQ(metrics.json, "{}");
  EXPECT_THAT(metrics.message, HasSubstr("No results_*.json found"));
  EXPECT_THAT(metrics.message, HasSubstr(result.eval_output_path()));
  result.clean();
}

TEST_F(ResultsEvalTest, CorruptAndTruncatedArchivesLeaveNothingBehind) {
  SMTJEvaluationResult corrupt = finished_job("eval-corrupt", [](const std::string&) { return "this is not a tar.gz at all"; });
  EXPECT_THAT([&] { corrupt.get(); },
              ::testing::ThrowsMessage<DataPrepError>(HasSubstr(corrupt.eval_output_path())));
  expect_nothing_cached(corrupt);

  SMTJEvaluationResult truncated = finished_job("eval-truncated", [](const std::string& job) {
    const std::string whole = documented_archive(job);
    return whole.substr(0, whole.size() / 2);
  });
  EXPECT_THAT([&] { truncated.get(); }, ::testing::ThrowsMessage<DataPrepError>(HasSubstr("truncated")));
  expect_nothing_cached(truncated);
}

TEST_F(ResultsEvalTest, AMissingArchiveNamesThePath) {
  const std::string job = nova::testing::unique_job_name("eval-missing");
  nova::testing::create_job(job, kOutput);
  SMTJEvaluationResult result(job, std::chrono::system_clock::now(), EvaluationTask::MMLU,
                              std::string(kOutput) + "/" + job + "/output/output.tar.gz");
  EXPECT_THAT([&] { result.get(); },
              ::testing::ThrowsMessage<DataPrepError>(::testing::AllOf(HasSubstr(result.eval_output_path()),
                                                                       HasSubstr("does not exist"))));
  expect_nothing_cached(result);
}

TEST_F(ResultsEvalTest, AnOutputPathInAnotherBucketIsRefused) {
  const std::string job = nova::testing::unique_job_name("eval-otherbucket");
  nova::testing::create_job(job, kOutput);
  const std::string path =
      nova::testing::put_object("nova-other-bucket", job + "/output/output.tar.gz", documented_archive(job));
  SMTJEvaluationResult result(job, std::chrono::system_clock::now(), EvaluationTask::MMLU, path);
  EXPECT_THAT([&] { result.get(); },
              ::testing::ThrowsMessage<ValueError>(::testing::AllOf(HasSubstr("nova-other-bucket"),
                                                                    HasSubstr(kOutput))));
  expect_nothing_cached(result);
}

TEST_F(ResultsEvalTest, AStoppedJobHasNoResultsAndSaysWhy) {
  SMTJEvaluationResult result = finished_job("eval-stopped", documented_archive, /*stopped=*/true);
  const EvaluationMetrics metrics = result.get();
  EXPECT_EQ(metrics.status, JobStatus::FAILED);
  EXPECT_TRUE(metrics.empty());
  EXPECT_EQ(metrics.message, "Cannot show eval result. Job '" + result.job_id() + "' in Stopped status.");
  expect_nothing_cached(result);
  std::ostringstream out;
  result.show(out);
  EXPECT_EQ(out.str(), metrics.message + "\n");
  EXPECT_EQ(result.upload_tensorboard_results(), 0u);
}

}  // namespace
}  // namespace nova
