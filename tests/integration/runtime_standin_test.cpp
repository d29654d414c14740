// SMTJRuntimeManager::cleanup (StopTrainingJob, which moto lacks) and the cached terminal
// status, through the loopback stand-in: every SageMaker request is checked against
// botocore's model (StandinSuite's TearDown fails on a mismatch).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "support/standin_suite.hpp"

namespace nova {
namespace {

namespace fs = std::filesystem;

class RuntimeStandinTest : public nova::testing::StandinSuite {
 protected:
  void SetUp() override {
    recipe_ = fs::temp_directory_path() / ("nova-standin-recipe-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(recipe_) << "run:\n  name: stop-me\n  model_name_or_path: nova-micro/prod\n";
  }
  void TearDown() override {
    fs::remove(recipe_);
    StandinSuite::TearDown();
  }

  static int count_calls(const std::string& operation) {
    int n = 0;
    for (const auto& call : nlohmann::json::parse(standin_->calls_json())) n += call["operation"] == operation;
    return n;
  }

  fs::path recipe_;
};

TEST_F(RuntimeStandinTest, CleanupStopsTheJobAndTheResultSaysStopped) {
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::string("arn:aws:iam::123456789012:role/NovaExec"));
  JobConfig job;
  job.job_name = unique_job_name("stop-me");
  job.image_uri = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-TJ-SFT-latest";
  job.recipe_path = recipe_.string();
  job.output_s3_path = "s3://nova-standin-out/output";
  job.data_s3_path = "s3://nova-standin-data/train.jsonl";
  job.input_s3_data_type = "Converse";
  const std::string job_id = manager.execute(job);

  manager.cleanup(job_id);
  EXPECT_EQ(count_calls("StopTrainingJob"), 1);

  SMTJTrainingResult fresh(job_id, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA, {});
  standin_->clear_calls();
  EXPECT_EQ(fresh.get_job_status(), std::make_pair(JobStatus::FAILED, std::string("Stopped")));
  EXPECT_EQ(fresh.get_job_status(), std::make_pair(JobStatus::FAILED, std::string("Stopped")));
  EXPECT_EQ(count_calls("DescribeTrainingJob"), 1);  // the terminal state is cached
}

TEST_F(RuntimeStandinTest, CleanupOfAnUnknownJobIsAServiceError) {
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1);
  EXPECT_THROW(manager.cleanup("no-such-job"), ServiceError);
  EXPECT_THROW(manager.cleanup("bad_name"), ValueError);
}

}  // namespace
}  // namespace nova
