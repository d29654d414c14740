// evaluate() and batch_inference() against the stand-in (moto behind it): the evaluation
// recipe each job runs, the model path chain (a manifest inside an output.tar.gz placed
// where a finished job leaves it), the checkpoint platform check, BYOD data validated before
// anything is created, processor / rl_env errors, and batch inference from an SFT customizer.

#include <archive.h>
#include <archive_entry.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "aws/iam/iam_client.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/session/session.hpp"
#include "nova/customizer.hpp"
#include "nova/error.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "support/standin_suite.hpp"

namespace nova {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kAccount = "123456789012";
constexpr const char* kDataBucket = "nova-eval-data";
constexpr const char* kOutputPath = "s3://nova-eval-out/output";
constexpr const char* kSmtjEscrow = "customer-escrow-123456789012-smtj-a1b2c3";
constexpr const char* kLambda = "arn:aws:lambda:us-east-1:123456789012:function:score-answers";

la_ssize_t append_to(struct archive*, void* out, const void* data, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

// A gzip'd tar of regular files, as a finished SMTJ job writes output.tar.gz.
std::string output_archive(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  archive_write_open(a, &out, nullptr, append_to, nullptr);
  for (const auto& [name, content] : files) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
    archive_write_header(a, entry);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

void put(const std::string& bucket, const std::string& key, const std::string& body) {
  aws::PutObjectRequest request;
  request.bucket = bucket;
  request.key = key;
  request.body = aws::body_from_string(body);
  aws::Session().s3().put_object(request);
}

class CustomizerEvaluateTest : public testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    aws::Session session;
    auto s3 = session.s3();
    s3.create_bucket(kDataBucket);
    s3.create_bucket(kSmtjEscrow);
    put(kSmtjEscrow, "sft-job/checkpoint/model.bin", "weights");
    put(kDataBucket, "eval/good.jsonl",
        "{\"query\": \"What is 2+2?\", \"response\": \"4\"}\n{\"query\": \"Capital of France?\", \"response\": \"Paris\"}\n");
    put(kDataBucket, "eval/bad.jsonl", "{\"query\": \"What is 2+2?\", \"response\": \"4\"}\n{\"query\": \"no answer\"}\n");
    auto iam = session.iam();
    iam.create_role("EvalExec", json{{"Version", "2012-10-17"},
                                     {"Statement", json::array({{{"Effect", "Allow"},
                                                                 {"Principal", {{"Service", "sagemaker.amazonaws.com"}}},
                                                                 {"Action", "sts:AssumeRole"}}})}}
                                    .dump());
    const auto policy = iam.create_policy(
        "EvalExecPolicy",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":"*"}]})");
    iam.attach_role_policy("EvalExec", policy.arn);
  }

  void SetUp() override {
    standin_->clear_calls();
    recipe_dir_ = std::filesystem::temp_directory_path() / ("nova-eval-recipes-" + std::to_string(::getpid()));
    std::filesystem::remove_all(recipe_dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(recipe_dir_);
    StandinSuite::TearDown();
  }

  static std::shared_ptr<SMTJRuntimeManager> smtj(int count = 4) {
    return std::make_shared<SMTJRuntimeManager>("ml.p5.48xlarge", count,
                                                std::string("arn:aws:iam::") + kAccount + ":role/EvalExec");
  }

  NovaModelCustomizer customizer(TrainingMethod method = TrainingMethod::SFT_LORA, int count = 4) const {
    CustomizerOptions o;
    o.data_s3_path = std::string("s3://") + kDataBucket + "/eval/good.jsonl";
    o.output_s3_path = kOutputPath;
    o.generated_recipe_dir = recipe_dir_.string();
    return NovaModelCustomizer(Model::NOVA_LITE_2, method, smtj(count), o);
  }

  // The recipe file the job was started with (the only one written in this test).
  std::string written_recipe() const {
    for (const auto& entry : std::filesystem::directory_iterator(recipe_dir_)) {
      std::ifstream in(entry.path());
      return std::string(std::istreambuf_iterator<char>(in), {});
    }
    return {};
  }

  static json describe(const std::string& job_id) {
    return json::parse(aws::Session().sagemaker().describe_training_job(job_id).raw_json);
  }

  // The S3DataSource of the job's data channel ("train"); null when it has none.
  static json data_channel(const json& job) {
    for (const auto& channel : job.value("InputDataConfig", json::array())) {
      if (channel["ChannelName"] == "train") return channel["DataSource"]["S3DataSource"];
    }
    return nullptr;
  }

  static std::vector<aws::TrainingJobSummary> jobs_named(const std::string& part) {
    aws::ListTrainingJobsRequest list;
    list.name_contains = part;
    return aws::Session().sagemaker().list_all_training_jobs(list);
  }

  static void put_manifest_archive(const std::string& job_id, const std::string& checkpoint) {
    put("nova-eval-out", "output/" + job_id + "/output/output.tar.gz",
        output_archive({{"manifest.json", json{{"checkpoint_s3_bucket", checkpoint}}.dump()},
                        {"model/config.json", "{}"}}));
  }

  template <typename Fn>
  static std::string value_error_of(Fn&& fn) {
    try {
      fn();
    } catch (const ValueError& e) {
      return e.what();
    }
    ADD_FAILURE() << "expected ValueError";
    return {};
  }

  std::filesystem::path recipe_dir_;
};

TEST_F(CustomizerEvaluateTest, AnSftCustomizerStartsAnEvaluationJobWithTheTaskRecipe) {
  NovaModelCustomizer c = customizer();
  EvaluateOptions e;
  e.job_name = "eval-mmlu";
  e.eval_task = EvaluationTask::MMLU;
  e.subtask = "abstract_algebra";
  e.model_path = std::string("s3://") + kSmtjEscrow + "/sft-job/checkpoint";
  e.overrides = {{"max_new_tokens", Value(2048)}};
  const auto result = c.evaluate(e);
  ASSERT_NE(result, nullptr);
  EXPECT_THAT(result->job_id(), StartsWith("eval-mmlu-"));
  EXPECT_EQ(result->eval_task(), EvaluationTask::MMLU);
  EXPECT_EQ(result->class_name(), "SMTJEvaluationResult");
  EXPECT_EQ(result->eval_output_path(), std::string(kOutputPath) + "/" + result->job_id() + "/output/output.tar.gz");
  EXPECT_EQ(c.job_id(), result->job_id());

  const json job = describe(result->job_id());
  EXPECT_EQ(job["ResourceConfig"]["InstanceCount"], 1);
  EXPECT_THAT(job["AlgorithmSpecification"]["TrainingImage"].get<std::string>(), HasSubstr("Eval"));
  // The customizer's training data is not evaluation data for a benchmark task.
  EXPECT_TRUE(data_channel(job).is_null());
  EXPECT_EQ(c.infra()->instance_count(), 4) << "the training instance count is the customizer's";

  const std::string yaml = written_recipe();
  EXPECT_THAT(yaml, HasSubstr("task: mmlu"));
  EXPECT_THAT(yaml, HasSubstr("strategy: zs_cot"));
  EXPECT_THAT(yaml, HasSubstr("metric: accuracy"));
  EXPECT_THAT(yaml, HasSubstr("subtask: abstract_algebra"));
  EXPECT_THAT(yaml, HasSubstr("max_new_tokens: 2048"));
  EXPECT_THAT(yaml, HasSubstr(std::string("model_name_or_path: s3://") + kSmtjEscrow + "/sft-job/checkpoint"));
}

TEST_F(CustomizerEvaluateTest, EveryTaskHasItsStrategyAndMetric) {
  NovaModelCustomizer c = customizer(TrainingMethod::EVALUATION, 1);
  const std::vector<std::tuple<EvaluationTask, std::string, std::string>> tasks{
      {EvaluationTask::BBH, "fs_cot", "accuracy"},   {EvaluationTask::MATH, "zs_cot", "exact_match"},
      {EvaluationTask::STRONG_REJECT, "zs", "deflection"}, {EvaluationTask::IFEVAL, "zs", "accuracy"},
      {EvaluationTask::GPQA, "zs_cot", "accuracy"},  {EvaluationTask::MMLU_PRO, "zs_cot", "accuracy"}};
  for (const auto& [task, strategy, metric] : tasks) {
    EvaluateOptions e;
    e.job_name = "eval-plan";
    e.eval_task = task;
    const TrainingPlan plan = c.plan_evaluation(e);
    EXPECT_THAT(plan.recipe_yaml, HasSubstr("task: " + std::string(value_of(task))));
    EXPECT_THAT(plan.recipe_yaml, HasSubstr("strategy: " + strategy)) << value_of(task);
    EXPECT_THAT(plan.recipe_yaml, HasSubstr("metric: " + metric)) << value_of(task);
  }
}

TEST_F(CustomizerEvaluateTest, TheCheckpointComesFromTheManifestInsideTheJobsOutputArchive) {
  NovaModelCustomizer c = customizer();
  TrainOptions train;
  train.job_name = "sft-for-eval";
  const auto trained = c.train(train);
  ASSERT_NE(trained, nullptr);
  const std::string checkpoint = std::string("s3://") + kSmtjEscrow + "/sft-job/checkpoint";
  put_manifest_archive(trained->job_id(), checkpoint);

  EvaluateOptions e;
  e.job_name = "eval-from-result";
  e.eval_task = EvaluationTask::GPQA;
  e.job_result = trained;
  EXPECT_THAT(c.plan_evaluation(e).recipe_yaml, HasSubstr("model_name_or_path: " + checkpoint));

  // Without job_result: the customizer's last training job.
  e.job_result.reset();
  EXPECT_THAT(c.plan_evaluation(e).recipe_yaml, HasSubstr("model_name_or_path: " + checkpoint));
}

TEST_F(CustomizerEvaluateTest, ALastJobWithoutOutputIsAClearError) {
  NovaModelCustomizer c = customizer();
  TrainOptions train;
  train.job_name = "sft-no-output";
  const auto trained = c.train(train);
  EvaluateOptions e;
  e.job_name = "eval-no-output";
  const std::string message = value_error_of([&] { c.evaluate(e); });
  EXPECT_THAT(message, HasSubstr("has no output archive at " + std::string(kOutputPath) + "/" + trained->job_id() +
                                 "/output/output.tar.gz"));
  EXPECT_THAT(message, HasSubstr("model_path"));
  EXPECT_TRUE(jobs_named("eval-no-output").empty());
}

TEST_F(CustomizerEvaluateTest, AJobResultThatDidNotCompleteIsRefused) {
  NovaModelCustomizer c = customizer();
  TrainOptions train;
  train.job_name = "sft-stopped";
  const auto trained = c.train(train);
  c.infra()->cleanup(trained->job_id());
  EvaluateOptions e;
  e.job_name = "eval-stopped";
  e.job_result = trained;
  const std::string message = value_error_of([&] { c.evaluate(e); });
  EXPECT_THAT(message, HasSubstr("job '" + trained->job_id() + "' is Stopped, not Completed"));
  EXPECT_TRUE(jobs_named("eval-stopped").empty());
}

TEST_F(CustomizerEvaluateTest, AHyperPodCheckpointCannotRunOnATrainingJob) {
  NovaModelCustomizer c = customizer();
  EvaluateOptions e;
  e.job_name = "eval-mismatch";
  e.model_path = "s3://customer-escrow-123456789012-hp-d4e5f6/job/checkpoint";
  const std::string message = value_error_of([&] { c.evaluate(e); });
  EXPECT_THAT(message, HasSubstr("Platform mismatch: model_path 's3://customer-escrow-123456789012-hp-d4e5f6/job/"
                                 "checkpoint' was trained on SMHP but you are trying to run on SMTJ"));
  EXPECT_TRUE(jobs_named("eval-mismatch").empty());
}

TEST_F(CustomizerEvaluateTest, InvalidByodDataIsReportedByLineAndNothingIsCreated) {
  NovaModelCustomizer c = customizer();
  EvaluateOptions e;
  e.job_name = "eval-bad-data";
  e.eval_task = EvaluationTask::GEN_QA;
  e.data_s3_path = std::string("s3://") + kDataBucket + "/eval/bad.jsonl";
  try {
    c.evaluate(e);
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.report().invalid_records, 1u);
    EXPECT_THAT(error.what(), HasSubstr("bad.jsonl:2:"));
    EXPECT_THAT(error.what(), HasSubstr("response"));
  }
  EXPECT_TRUE(jobs_named("eval-bad-data").empty());
}

TEST_F(CustomizerEvaluateTest, GenQaReadsTheDataAsAPrefixWithTheProcessorLambda) {
  NovaModelCustomizer c = customizer();
  EvaluateOptions e;
  e.job_name = "eval-genqa";
  e.eval_task = EvaluationTask::GEN_QA;
  e.processor = {{"lambda_arn", Value(kLambda)}};
  const auto result = c.evaluate(e);  // the customizer's data path: a BYOD task reads it
  ASSERT_NE(result, nullptr);
  const json job = describe(result->job_id());
  const json source = data_channel(job);
  EXPECT_EQ(source["S3Uri"], std::string("s3://") + kDataBucket + "/eval/good.jsonl");
  EXPECT_EQ(source["S3DataType"], "S3Prefix");
  const std::string yaml = written_recipe();
  EXPECT_THAT(yaml, HasSubstr("task: gen_qa"));
  EXPECT_THAT(yaml, HasSubstr(std::string("lambda_arn: ") + kLambda));
}

TEST_F(CustomizerEvaluateTest, ProcessorRlEnvSubtaskAndDataErrorsNameWhatIsValid) {
  NovaModelCustomizer c = customizer(TrainingMethod::EVALUATION, 1);
  EvaluateOptions e;
  e.job_name = "eval-bad-args";
  e.eval_task = EvaluationTask::MMLU;
  e.processor = {{"lambda_arn", Value(kLambda)}};
  EXPECT_THAT(value_error_of([&] { c.plan_evaluation(e); }), HasSubstr("'processor' is only used by the gen_qa task, not mmlu"));

  e.eval_task = EvaluationTask::GEN_QA;
  e.processor = {{"lambda_arn", Value("not-an-arn")}};
  EXPECT_THAT(value_error_of([&] { c.plan_evaluation(e); }), HasSubstr("processor must contain a valid 'lambda_arn'"));

  e.processor.clear();
  e.eval_task = EvaluationTask::RFT_EVAL;
  EXPECT_THAT(value_error_of([&] { c.plan_evaluation(e); }), HasSubstr("rl_env must contain a reward_lambda_arn"));
  e.rl_env = {{"reward_lambda_arn", Value("arn:aws:lambda:us-east-1:1:function:x")}};
  EXPECT_THAT(value_error_of([&] { c.plan_evaluation(e); }), HasSubstr("rl_env must contain a reward_lambda_arn"));
  e.rl_env = {{"reward_lambda_arn", Value(kLambda)}};
  EXPECT_THAT(c.plan_evaluation(e).recipe_yaml, HasSubstr(std::string("reward_lambda_arn: ") + kLambda));

  e.eval_task = EvaluationTask::MATH;
  e.rl_env.clear();
  e.subtask = "calculus";
  const std::string subtask = value_error_of([&] { c.plan_evaluation(e); });
  EXPECT_THAT(subtask, HasSubstr("Invalid subtask \"calculus\" for task math"));
  EXPECT_THAT(subtask, HasSubstr("number_theory"));
  e.eval_task = EvaluationTask::IFEVAL;
  EXPECT_THAT(value_error_of([&] { c.plan_evaluation(e); }), HasSubstr("Task ifeval does not support subtasks"));

  e.subtask.reset();
  e.eval_task = EvaluationTask::MMLU;
  e.data_s3_path = std::string("s3://") + kDataBucket + "/eval/good.jsonl";
  EXPECT_THAT(value_error_of([&] { c.plan_evaluation(e); }), HasSubstr("BYOD evaluation must use one of the following eval tasks"));
}

TEST_F(CustomizerEvaluateTest, ADryRunCreatesNothing) {
  NovaModelCustomizer c = customizer();
  EvaluateOptions e;
  e.job_name = "eval-dry";
  e.dry_run = true;
  EXPECT_EQ(c.evaluate(e), nullptr);
  EXPECT_TRUE(jobs_named("eval-dry").empty());
  EXPECT_FALSE(c.job_id().has_value());
}

TEST_F(CustomizerEvaluateTest, BatchInferenceRunsFromAnSftCustomizerAndRecordsTheJobId) {
  NovaModelCustomizer c = customizer();
  BatchInferenceOptions b;
  b.job_name = "infer-sft";
  b.input_path = std::string("s3://") + kDataBucket + "/eval/good.jsonl";
  b.output_s3_path = "s3://nova-eval-out/inference/";
  b.model_path = std::string("s3://") + kSmtjEscrow + "/sft-job/checkpoint";
  b.overrides = {{"max_new_tokens", Value(512)}, {"temperature", Value(0.5)}, {"top_logprobs", Value(3)}};
  const auto result = c.batch_inference(b);
  ASSERT_NE(result, nullptr);
  EXPECT_THAT(result->job_id(), StartsWith("infer-sft-"));
  EXPECT_EQ(result->inference_output_path(), "s3://nova-eval-out/inference/" + result->job_id() + "/output/output.tar.gz");

  const json job = describe(result->job_id());
  EXPECT_EQ(job["OutputDataConfig"]["S3OutputPath"], "s3://nova-eval-out/inference/");
  EXPECT_EQ(data_channel(job)["S3Uri"], b.input_path);
  const std::string yaml = written_recipe();
  EXPECT_THAT(yaml, HasSubstr("task: gen_qa"));
  EXPECT_THAT(yaml, HasSubstr("strategy: gen_qa"));
  EXPECT_THAT(yaml, HasSubstr("metric: all"));
  EXPECT_THAT(yaml, HasSubstr("max_new_tokens: 512"));
  EXPECT_THAT(yaml, HasSubstr("top_logprobs: 3"));
}

TEST_F(CustomizerEvaluateTest, BatchInferenceRefusesInvalidInputBeforeLaunch) {
  NovaModelCustomizer c = customizer();
  BatchInferenceOptions b;
  b.job_name = "infer-bad";
  b.input_path = std::string("s3://") + kDataBucket + "/eval/bad.jsonl";
  EXPECT_THROW(c.batch_inference(b), ValidationError);
  b.input_path.clear();
  EXPECT_THAT(value_error_of([&] { c.batch_inference(b); }), HasSubstr("input_path is required"));
  EXPECT_TRUE(jobs_named("infer-bad").empty());
}

}  // namespace
}  // namespace nova
