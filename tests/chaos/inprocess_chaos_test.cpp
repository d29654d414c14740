// The chaos suite, in process: the public API through the fault-injecting decorator around
// the real curl transport, talking to the AWS stand-in (moto behind it). Each case asserts
// what the emulator holds afterwards. The CLI half is tests/chaos/test_chaos_cli.py.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/session/session.hpp"
#include "nova/interrupt.hpp"
#include "nova/logs.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "nova/wait.hpp"
#include "support/interrupt_reset.hpp"
#include "support/standin_suite.hpp"

namespace nova {
namespace {

namespace fs = std::filesystem;
using aws::Fault;
using ::testing::HasSubstr;

constexpr const char* kRole = "arn:aws:iam::123456789012:role/NovaChaosExec";

// A fault for one SageMaker / Logs operation (json 1.1: X-Amz-Target "<prefix>.<Op>").
bool is_op(const aws::HttpRequest& r, const std::string& op) {
  const std::string* target = aws::find_header(r.headers, "X-Amz-Target");
  return target != nullptr && target->ends_with("." + op);
}

class ChaosInProcess : public testing::StandinSuite {
 protected:
  void SetUp() override {
    recipe_ = fs::temp_directory_path() / ("nova-chaos-recipe-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(recipe_) << "run:\n  name: chaos\n  model_name_or_path: nova-micro/prod\n";
    faults_ = std::make_shared<aws::FaultInjectingTransport>(std::make_shared<aws::CurlTransport>());
    aws::SessionOptions options;
    options.transport = faults_;
    options.jitter = [] { return 0.0; };  // retries at once
    aws::Session::set_shared(std::make_shared<const aws::Session>(options));
    standin_->clear_calls();
  }
  void TearDown() override {
    aws::Session::set_shared(nullptr);
    fs::remove(recipe_);
    StandinSuite::TearDown();
  }

  JobConfig job(const std::string& stem) const {
    JobConfig j;
    j.job_name = unique_job_name(stem);
    j.image_uri = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-TJ-SFT-latest";
    j.recipe_path = recipe_.string();
    j.output_s3_path = "s3://nova-chaos-out/output";
    j.data_s3_path = "s3://nova-chaos-data/train.jsonl";
    j.input_s3_data_type = "Converse";
    return j;
  }

  static int count_calls(const std::string& operation) {
    int n = 0;
    for (const auto& call : nlohmann::json::parse(standin_->calls_json())) n += call["operation"] == operation;
    return n;
  }

  // The first `times` requests of `op` get `fault`; the rest pass.
  void fail(const std::string& op, Fault fault, int times = 1) {
    auto left = std::make_shared<int>(times);
    faults_->set_rule([op, fault, left](const aws::HttpRequest& r) -> std::optional<Fault> {
      if (!is_op(r, op) || *left == 0) return std::nullopt;
      --*left;
      return fault;
    });
  }

  fs::path recipe_;
  std::shared_ptr<aws::FaultInjectingTransport> faults_;
};

TEST_F(ChaosInProcess, ALostCreateAnswerIsClaimedByNameNotSentAgain) {
  for (const auto& [name, fault] : std::map<std::string, Fault>{
           {"reset", Fault::transport(aws::TransportErrorKind::kReset, /*after_send=*/true)},
           {"timeout", Fault::transport(aws::TransportErrorKind::kTimeout, /*after_send=*/true)},
           {"500-after", [] {
              Fault f = Fault::json_error(500, "InternalFailure");
              f.after_send = true;
              return f;
            }()}}) {
    SCOPED_TRACE(name);
    standin_->clear_calls();
    fail("CreateTrainingJob", fault);
    SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::string(kRole));
    const std::string job_id = manager.execute(job("chaos-lost-" + name));
    EXPECT_EQ(count_calls("CreateTrainingJob"), 1);
    EXPECT_EQ(count_calls("DescribeTrainingJob"), 1);
    SMTJTrainingResult result(job_id, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA, {});
    EXPECT_EQ(result.get_job_status().first, JobStatus::COMPLETED);
  }
}

TEST_F(ChaosInProcess, AnInterruptDuringCreateTrainingJobLetsItFinishAndNamesTheJob) {
  const testing::InterruptReset reset;
  faults_->set_rule([](const aws::HttpRequest& r) -> std::optional<Fault> {
    if (is_op(r, "CreateTrainingJob")) request_interrupt(SIGINT);
    return std::nullopt;
  });
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::string(kRole));
  const std::string job_id = manager.execute(job("chaos-interrupted"));
  EXPECT_EQ(count_calls("CreateTrainingJob"), 1);
  EXPECT_THAT(created_resources(), ::testing::ElementsAre("training job " + job_id +
                                                          " was created and is running; stop it with `nova job stop " +
                                                          job_id + "`"));
  EXPECT_THROW(check_interrupt(), InterruptedError);  // the run stops at its next check
  faults_->clear();
  clear_interrupt();
  EXPECT_EQ(aws::Session().sagemaker().describe_training_job(job_id).name, job_id);
}

TEST_F(ChaosInProcess, AnInterruptBeforeCreateTrainingJobCreatesNothing) {
  const testing::InterruptReset reset;
  // Requested while the recipe is uploaded: the run stops there, no job is sent.
  faults_->set_rule([](const aws::HttpRequest& r) -> std::optional<Fault> {
    if (r.method == "PUT" && r.path.ends_with(".yaml")) request_interrupt(SIGINT);
    return std::nullopt;
  });
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::string(kRole));
  EXPECT_THROW(manager.execute(job("chaos-interrupted-early")), InterruptedError);
  EXPECT_EQ(count_calls("CreateTrainingJob"), 0);
  EXPECT_THAT(created_resources(), ::testing::IsEmpty());
}

TEST_F(ChaosInProcess, ARequestThatNeverArrivedIsLookedUpThenSentAgain) {
  fail("CreateTrainingJob", Fault::transport(aws::TransportErrorKind::kReset), 2);
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::string(kRole));
  manager.execute(job("chaos-never-arrived"));
  EXPECT_EQ(count_calls("CreateTrainingJob"), 1);    // the stand-in saw only the one that arrived
  EXPECT_EQ(count_calls("DescribeTrainingJob"), 2);  // looked up after each lost attempt
}

TEST_F(ChaosInProcess, ANameTakenByAJobThatIsNotOursIsAConflictNamingTheDifference) {
  const JobConfig mine = job("chaos-clash");
  // Someone else's job under the same name (another role).
  aws::CreateTrainingJobRequest theirs;
  theirs.training_job_name = mine.job_name;
  theirs.training_image = mine.image_uri;
  theirs.role_arn = "arn:aws:iam::123456789012:role/SomeoneElse";
  theirs.instance_type = "ml.g5.12xlarge";
  theirs.output_s3_path = "s3://elsewhere/output";
  aws::Session().sagemaker().create_training_job(theirs);

  fail("CreateTrainingJob", Fault::transport(aws::TransportErrorKind::kReset, /*after_send=*/true));
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::string(kRole));
  try {
    manager.execute(mine);
    FAIL() << "expected a conflict";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ResourceInUse");
    EXPECT_THAT(e.what(), HasSubstr("a training job named '" + mine.job_name + "' already exists"));
    EXPECT_THAT(e.what(), HasSubstr("role: arn:aws:iam::123456789012:role/SomeoneElse (asked for " +
                                    std::string(kRole) + ")"));
    EXPECT_THAT(e.what(), HasSubstr("output: s3://elsewhere/output (asked for s3://nova-chaos-out/output)"));
  }
  const auto described = aws::Session().sagemaker().describe_training_job(mine.job_name);
  EXPECT_EQ(described.role_arn, theirs.role_arn);  // theirs, untouched
}

TEST_F(ChaosInProcess, AStatusWatchRidesOutFailuresAndEndsWhenTheJobDoes) {
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::string(kRole));
  const std::string job_id = manager.execute(job("chaos-watch"));
  standin_->control("PUT", "running-jobs/" + job_id);
  faults_->clear();
  // Throttled, unavailable, reset: 6 failed polls in a row, fewer than the budget's 10.
  int describes = 0;
  faults_->set_rule([&](const aws::HttpRequest& r) -> std::optional<Fault> {
    if (!is_op(r, "DescribeTrainingJob")) return std::nullopt;
    ++describes;
    if (describes >= 2 && describes <= 4) return Fault::json_error(400, "ThrottlingException");
    if (describes >= 5 && describes <= 7) return Fault::json_error(503, "ServiceUnavailable");
    if (describes >= 8 && describes <= 13) return Fault::transport(aws::TransportErrorKind::kReset, true);
    return std::nullopt;
  });
  SMTJTrainingResult result(job_id, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA, {});
  JobWatchOptions options;
  options.poll_interval = std::chrono::milliseconds(1);
  std::vector<std::chrono::milliseconds> sleeps;
  options.sleep = [&](std::chrono::milliseconds d) {
    sleeps.push_back(d);
    if (sleeps.size() == 12) aws::Session().sagemaker().stop_training_job(job_id);  // outside the faults
  };
  std::vector<std::string> seen;
  const auto [status, raw] = watch_job(result, [&](JobStatus, const std::string& r) { seen.push_back(r); }, options);
  EXPECT_EQ(status, JobStatus::FAILED);
  EXPECT_EQ(raw, "Stopped");
  EXPECT_EQ(seen.front(), "InProgress");
  EXPECT_GT(describes, 13);
}

TEST_F(ChaosInProcess, AWatchThatNeverGetsAnAnswerGivesUpWithinItsBudget) {
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::string(kRole));
  const std::string job_id = manager.execute(job("chaos-watch-down"));
  faults_->set_rule([](const aws::HttpRequest& r) -> std::optional<Fault> {
    if (!is_op(r, "DescribeTrainingJob")) return std::nullopt;
    return Fault::json_error(503, "ServiceUnavailable");
  });
  SMTJTrainingResult result(job_id, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA, {});
  JobWatchOptions options;
  options.errors.max_consecutive_errors = 4;
  std::chrono::milliseconds slept{0};
  options.sleep = [&](std::chrono::milliseconds d) { slept += d; };
  try {
    watch_job(result, {}, options);
    FAIL() << "expected the watch to give up";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ServiceUnavailable");
    EXPECT_THAT(e.what(), HasSubstr("4 polls in a row failed"));
    EXPECT_THAT(e.what(), HasSubstr("nova job status " + job_id + " --watch"));
  }
  EXPECT_LE(slept, std::chrono::seconds(2 + 4 + 8));  // three pauses, each at most its full backoff
}

TEST_F(ChaosInProcess, FollowingLogsThroughFailingPollsDeliversEveryEventExactlyOnce) {
  const std::string job_id = unique_job_name("chaos-logs");
  const std::int64_t base = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count() - 60000;
  auto logs = aws::Session().logs();
  try {
    logs.create_log_group("/aws/sagemaker/TrainingJobs");
  } catch (const ServiceError&) {
    // made by an earlier case
  }
  std::vector<aws::InputLogEvent> events;
  for (int host = 1; host <= 2; ++host) {
    const std::string stream = job_id + "/algo-" + std::to_string(host) + "-1700000000";
    logs.create_log_stream("/aws/sagemaker/TrainingJobs", stream);
    std::vector<aws::InputLogEvent> batch;
    for (int i = 0; i < 5; ++i) batch.push_back({base + i * 2 + host, "h" + std::to_string(host) + " " + std::to_string(i)});
    logs.put_log_events("/aws/sagemaker/TrainingJobs", stream, batch);
  }
  // Each stream takes two GetLogEvents (its events, then the end); the second call of each
  // stream fails, after that stream's events were read in the same poll.
  int gets = 0;
  faults_->set_rule([&](const aws::HttpRequest& r) -> std::optional<Fault> {
    if (!is_op(r, "GetLogEvents")) return std::nullopt;
    ++gets;
    return gets == 2 || gets == 5 ? std::optional(Fault::json_error(400, "ThrottlingException")) : std::nullopt;
  });
  // One attempt per call, so the failures reach follow() instead of the client's retries.
  env_->set("AWS_MAX_ATTEMPTS", "1");
  aws::SessionOptions options;
  options.transport = faults_;
  aws::Session::set_shared(std::make_shared<const aws::Session>(options));
  env_->unset("AWS_MAX_ATTEMPTS");

  CloudWatchLogMonitor monitor(job_id, Platform::SMTJ, base - 1000);
  std::vector<std::string> got;
  int polls = 0;
  LogFollowOptions follow;
  follow.poll_interval = std::chrono::milliseconds(1);
  follow.sleep = [](std::chrono::milliseconds) {};
  monitor.follow([&](const JobLogEvent& e) { got.push_back(e.message); }, [&] { return ++polls >= 3; }, follow);
  EXPECT_THAT(got, ::testing::ElementsAre("h1 0", "h2 0", "h1 1", "h2 1", "h1 2", "h2 2", "h1 3", "h2 3", "h1 4",
                                          "h2 4"));
  EXPECT_GE(gets, 7);
}

}  // namespace
}  // namespace nova
