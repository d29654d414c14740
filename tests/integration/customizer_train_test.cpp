// NovaModelCustomizer end to end against the stand-in (moto behind it): construction checks,
// the output bucket, pre-launch IAM checks, dry runs that create nothing, and train()
// creating the SageMaker training job.

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
using ::testing::Not;

constexpr const char* kAccount = "123456789012";
constexpr const char* kDataPath = "s3://nova-customizer-data/train/data.jsonl";
constexpr const char* kOutputPath = "s3://nova-customizer-out/output";

class CustomizerTest : public testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    aws::Session session;
    auto s3 = session.s3();
    s3.create_bucket("nova-customizer-data");
    aws::PutObjectRequest put;
    put.bucket = "nova-customizer-data";
    put.key = "train/data.jsonl";
    put.body = aws::body_from_string(R"({"schemaVersion": "bedrock-conversation-2024"})");
    s3.put_object(put);
    auto iam = session.iam();
    make_role(iam, "NovaExec", "sagemaker.amazonaws.com", true);
    make_role(iam, "LambdaOnly", "lambda.amazonaws.com", true);
    make_role(iam, "NoS3", "sagemaker.amazonaws.com", false);
  }

  static void make_role(aws::IamClient& iam, const std::string& name, const std::string& service, bool s3) {
    iam.create_role(name, json{{"Version", "2012-10-17"},
                               {"Statement", json::array({{{"Effect", "Allow"},
                                                           {"Principal", {{"Service", service}}},
                                                           {"Action", "sts:AssumeRole"}}})}}
                              .dump());
    const std::string actions = s3 ? R"(["s3:GetObject","s3:PutObject","s3:ListBucket"])" : R"(["logs:*"])";
    const auto policy = iam.create_policy(name + "Policy",
                                          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":)" +
                                              actions + R"(,"Resource":"*"}]})");
    iam.attach_role_policy(name, policy.arn);
  }

  void SetUp() override {
    standin_->clear_calls();
    standin_->deny_actions({});
    recipe_dir_ = std::filesystem::temp_directory_path() / ("nova-customizer-recipes-" + std::to_string(::getpid()));
    std::filesystem::remove_all(recipe_dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(recipe_dir_);
    StandinSuite::TearDown();
  }

  static std::string role(const std::string& name) { return std::string("arn:aws:iam::") + kAccount + ":role/" + name; }

  static std::shared_ptr<SMTJRuntimeManager> smtj(const std::string& role_name = "NovaExec", int count = 4,
                                                  const std::string& type = "ml.p5.48xlarge") {
    return std::make_shared<SMTJRuntimeManager>(type, count, role(role_name));
  }

  CustomizerOptions options() const {
    CustomizerOptions o;
    o.data_s3_path = kDataPath;
    o.output_s3_path = kOutputPath;
    o.generated_recipe_dir = recipe_dir_.string();
    return o;
  }

  static std::vector<aws::TrainingJobSummary> jobs_named(const std::string& part) {
    aws::ListTrainingJobsRequest list;
    list.name_contains = part;
    return aws::Session().sagemaker().list_all_training_jobs(list);
  }

  std::filesystem::path recipe_dir_;
};

TEST_F(CustomizerTest, TrainCreatesTheTrainingJobTheRecipeDescribes) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj(), options());
  TrainOptions train;
  train.job_name = "cust-sft";
  train.overrides = {{"max_steps", Value(20)}, {"lr", Value(2e-5)}};
  const auto result = customizer.train(train);
  ASSERT_NE(result, nullptr);
  EXPECT_THAT(result->job_id(), ::testing::StartsWith("cust-sft-"));
  EXPECT_EQ(result->method(), TrainingMethod::SFT_LORA);
  EXPECT_EQ(customizer.job_id(), result->job_id());

  const auto job = aws::Session().sagemaker().describe_training_job(result->job_id());
  const json raw = json::parse(job.raw_json);
  EXPECT_EQ(raw["RoleArn"], role("NovaExec"));
  EXPECT_EQ(raw["ResourceConfig"]["InstanceType"], "ml.p5.48xlarge");
  EXPECT_EQ(raw["ResourceConfig"]["InstanceCount"], 4);
  EXPECT_THAT(raw["AlgorithmSpecification"]["TrainingImage"].get<std::string>(), HasSubstr("SM-TJ-SFT-V2-latest"));
  EXPECT_EQ(raw["OutputDataConfig"]["S3OutputPath"], kOutputPath);
  bool saw_train = false;
  for (const auto& channel : raw["InputDataConfig"]) {
    if (channel["ChannelName"] == "train") {
      saw_train = true;
      EXPECT_EQ(channel["DataSource"]["S3DataSource"]["S3Uri"], kDataPath);
      EXPECT_EQ(channel["DataSource"]["S3DataSource"]["S3DataType"], "Converse");
    }
  }
  EXPECT_TRUE(saw_train);

  // The recipe the job runs is the one written to generated_recipe_dir, overrides applied.
  ASSERT_TRUE(std::filesystem::exists(recipe_dir_));
  std::string yaml;
  for (const auto& entry : std::filesystem::directory_iterator(recipe_dir_)) {
    std::ifstream in(entry.path());
    yaml.assign(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_THAT(yaml, HasSubstr("max_steps: 20"));
  EXPECT_THAT(yaml, HasSubstr("data_s3_path: s3://nova-customizer-data/train/data.jsonl"));
}

TEST_F(CustomizerTest, DryRunCreatesNothingAndShowsTheRequest) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_FULL, smtj(), options());
  TrainOptions train;
  train.job_name = "cust-dry";
  train.dry_run = true;
  EXPECT_EQ(customizer.train(train), nullptr);
  const TrainingPlan plan = customizer.plan_training(train);
  EXPECT_THAT(plan.job_name, ::testing::StartsWith("cust-dry-"));
  EXPECT_EQ(json::parse(plan.request_json)["RoleArn"], role("NovaExec"));
  EXPECT_THAT(plan.recipe_yaml, HasSubstr("peft_scheme:"));
  EXPECT_THAT(plan.recipe_yaml, Not(HasSubstr("lora_tuning")));
  EXPECT_TRUE(jobs_named("cust-dry").empty());
  EXPECT_FALSE(customizer.job_id().has_value());
}

TEST_F(CustomizerTest, TheDefaultOutputBucketIsCreatedInTheRegion) {
  CustomizerOptions o = options();
  o.output_s3_path.reset();
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj(), o);
  const std::string bucket = std::string("sagemaker-nova-") + kAccount + "-us-east-1";
  EXPECT_EQ(customizer.output_s3_path(), "s3://" + bucket + "/output");
  EXPECT_NO_THROW(aws::Session().s3().head_bucket(bucket));
}

TEST_F(CustomizerTest, UnsupportedRegionNamesTheSupportedOnes) {
  CustomizerOptions o = options();
  o.aws.region = "ap-south-1";
  try {
    NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj(), o);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Region 'ap-south-1' is not supported"));
    EXPECT_THAT(e.what(), HasSubstr("us-east-1"));
  }
}

TEST_F(CustomizerTest, MethodNotAvailableForTheModelFailsAtConstruction) {
  EXPECT_THROW(NovaModelCustomizer(Model::NOVA_MICRO, TrainingMethod::RFT_LORA, smtj(), options()), ValueError);
}

TEST_F(CustomizerTest, RftConstructsWithoutALambdaAndTrainAsksForIt) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::RFT_LORA, smtj(), options());
  TrainOptions train;
  train.job_name = "cust-rft";
  try {
    customizer.train(train);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("'rft_lambda_arn' is a required parameter"));
  }
  train.rft_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:reward";
  train.dry_run = true;
  EXPECT_EQ(customizer.train(train), nullptr);
  EXPECT_TRUE(jobs_named("cust-rft").empty());
}

TEST_F(CustomizerTest, InstanceTypeNotAllowedNamesTheAllowedOnes) {
  try {
    NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj("NovaExec", 4, "ml.g5.12xlarge"),
                                   options());
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("ml.g5.12xlarge"));
    EXPECT_THAT(e.what(), HasSubstr("ml.p5.48xlarge"));
  }
}

TEST_F(CustomizerTest, ARoleThatDoesNotTrustSageMakerIsReportedBeforeLaunch) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj("LambdaOnly"), options());
  TrainOptions train;
  train.job_name = "cust-trust";
  try {
    customizer.train(train);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("LambdaOnly does not trust sagemaker.amazonaws.com"));
  }
  EXPECT_TRUE(jobs_named("cust-trust").empty());
}

TEST_F(CustomizerTest, MissingPermissionsAreListedInOneErrorWithTheirFixes) {
  standin_->deny_actions({"sagemaker:CreateTrainingJob"});
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj("NoS3"), options());
  TrainOptions train;
  train.job_name = "cust-perms";
  try {
    customizer.train(train);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    const std::string message = e.what();
    EXPECT_THAT(message, HasSubstr("Cannot start the training job: 4 pre-flight checks failed"));
    // The caller's missing action on the job-name prefix, and the statement that grants it.
    EXPECT_THAT(message, HasSubstr("may not call sagemaker:CreateTrainingJob on "
                                   "arn:aws:sagemaker:us-east-1:123456789012:training-job/cust-perms*"));
    EXPECT_THAT(message, HasSubstr(R"({"Sid":"StartAndFollowTheJob","Effect":"Allow","Action":["sagemaker:CreateTrainingJob"],)"
                                   R"("Resource":["arn:aws:sagemaker:us-east-1:123456789012:training-job/cust-perms*"]})"));
    // The role's missing reads and writes, each on the run's exact resources.
    EXPECT_THAT(message, HasSubstr("execution-role-permission:ReadTheData"));
    EXPECT_THAT(message, HasSubstr("execution-role-permission:WriteTheOutput"));
    EXPECT_THAT(message, HasSubstr("execution-role-permission:ReadTheUploadedRecipe"));
    EXPECT_THAT(message, HasSubstr("s3:GetObject on arn:aws:s3:::nova-customizer-data/train/data.jsonl*"));
  }
  EXPECT_TRUE(jobs_named("cust-perms").empty());
}

TEST_F(CustomizerTest, IamChecksCanBeSwitchedOff) {
  standin_->deny_actions({"sagemaker:CreateTrainingJob"});
  CustomizerOptions o = options();
  o.validation_config = {{"iam", false}};
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj("NoS3"), o);
  TrainOptions train;
  train.job_name = "cust-noiam";
  train.dry_run = true;
  EXPECT_NO_THROW(customizer.train(train));
  EXPECT_EQ(customizer.validation_config().at("infra"), true);
}

TEST_F(CustomizerTest, UnknownValidationKeyIsRefused) {
  CustomizerOptions o = options();
  o.validation_config = {{"iam_checks", false}};
  EXPECT_THROW(NovaModelCustomizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj(), o), ValueError);
}

TEST_F(CustomizerTest, DataMixingNeedsHyperPod) {
  CustomizerOptions o = options();
  o.data_mixing_enabled = true;
  try {
    NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj(), o);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Data mixing is only supported"));
  }
}

TEST_F(CustomizerTest, DataMixingIsEmptyWhenNotEnabled) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj(), options());
  EXPECT_TRUE(customizer.get_data_mixing_config().empty());
  EXPECT_THROW(customizer.set_data_mixing_config({{"customer_data_percent", Value(50)}}), ValueError);
}

TEST_F(CustomizerTest, BadOverrideFailsBeforeAnythingIsCreated) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj(), options());
  TrainOptions train;
  train.job_name = "cust-badkey";
  train.overrides = {{"max_step", Value(20)}};
  try {
    customizer.train(train);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("max_steps"));
  }
  EXPECT_TRUE(jobs_named("cust-badkey").empty());
}

}  // namespace
}  // namespace nova
