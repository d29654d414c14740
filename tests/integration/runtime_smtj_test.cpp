// SMTJRuntimeManager against a real moto_server: the job is created with every field of the
// reference's request (read back from DescribeTrainingJob's body), the recipe is in the
// default bucket, and a user caller gets AmazonSageMaker-DefaultRole.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "aws/session/session.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "support/moto_suite.hpp"

namespace nova {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;
namespace fs = std::filesystem;

constexpr const char* kImage = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-TJ-SFT-V2-latest";
constexpr const char* kAccount = "123456789012";  // moto's account

class RuntimeSmtjTest : public nova::testing::MotoSuite {
 protected:
  // As MotoSuite, with AWS managed policies loaded: the default role gets AmazonSageMakerFullAccess.
  static void SetUpTestSuite() {
    env_ = new nova::testing::ScopedEnvironment();
    env_->isolate_aws();
    moto_ = new nova::testing::MotoServer(
        std::vector<std::pair<std::string, std::string>>{{"MOTO_IAM_LOAD_MANAGED_POLICIES", "true"}});
    nova::testing::use_moto(*env_, *moto_);
  }

  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nova-runtime-it-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    recipe_ = dir_ / "my-sft-Jan_30-a1b.yaml";
    std::ofstream(recipe_) << "run:\n  name: my-sft\n  model_type: amazon.nova-2-lite-v1:0:256k\n"
                              "  model_name_or_path: nova-lite-2/prod\n  replicas: 4\n"
                              "training_config:\n  max_steps: 100\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  AwsOptions aws(const std::string& region = "us-east-1") const {
    AwsOptions o;
    o.endpoint_url = moto_->endpoint();
    o.region = region;
    return o;
  }
  aws::Session session(const std::string& region = "us-east-1") const {
    aws::SessionOptions o;
    o.endpoint_url = moto_->endpoint();
    o.region = region;
    return aws::Session(o);
  }

  JobConfig job(const std::string& stem) const {
    JobConfig j;
    j.job_name = unique_job_name(stem);
    j.image_uri = kImage;
    j.recipe_path = recipe_.string();
    j.output_s3_path = "s3://nova-it-out/output";
    j.data_s3_path = "s3://nova-it-data/train.jsonl";
    j.input_s3_data_type = "Converse";
    return j;
  }

  static std::string today() {
    const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
  }

  fs::path dir_;
  fs::path recipe_;
};

TEST_F(RuntimeSmtjTest, ExecuteCreatesTheJobWithEveryField) {
  SMTJRuntimeManager manager("ml.p5.48xlarge", 4, std::string("arn:aws:iam::123456789012:role/NovaExec"),
                             std::string("out-key"), true, std::vector<std::string>{"subnet-1", "subnet-2"},
                             std::vector<std::string>{"sg-1"}, aws());
  const JobConfig config = job("sft-all");
  const std::string job_id = manager.execute(config);
  EXPECT_EQ(job_id, config.job_name);

  const json d = json::parse(session().sagemaker().describe_training_job(job_id).raw_json);
  EXPECT_EQ(d["TrainingJobName"], job_id);
  EXPECT_EQ(d["AlgorithmSpecification"]["TrainingImage"], kImage);
  EXPECT_EQ(d["AlgorithmSpecification"]["TrainingInputMode"], "File");
  EXPECT_EQ(d["RoleArn"], "arn:aws:iam::123456789012:role/NovaExec");
  EXPECT_EQ(d["ResourceConfig"]["InstanceType"], "ml.p5.48xlarge");
  EXPECT_EQ(d["ResourceConfig"]["InstanceCount"], 4);
  EXPECT_EQ(d["ResourceConfig"]["VolumeSizeInGB"], 30);
  const std::string folder = "s3://sagemaker-us-east-1-123456789012/recipes/" + today() + "_my-sft-Jan_30-a1b/";
  ASSERT_EQ(d["InputDataConfig"].size(), 2u);
  EXPECT_EQ(d["InputDataConfig"][0]["ChannelName"], "train");
  EXPECT_EQ(d["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"], "s3://nova-it-data/train.jsonl");
  EXPECT_EQ(d["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataType"], "Converse");
  EXPECT_EQ(d["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataDistributionType"], "FullyReplicated");
  EXPECT_EQ(d["InputDataConfig"][1]["ChannelName"], "recipe");
  EXPECT_EQ(d["InputDataConfig"][1]["DataSource"]["S3DataSource"]["S3Uri"], folder);
  EXPECT_EQ(d["InputDataConfig"][1]["DataSource"]["S3DataSource"]["S3DataType"], "S3Prefix");
  EXPECT_EQ(d["HyperParameters"], (json{{"sagemaker_recipe_local_path", "/opt/ml/input/data/recipe/my-sft-Jan_30-a1b.yaml"},
                                        {"base_model", "nova-lite-2/prod"}}));
  EXPECT_EQ(d["OutputDataConfig"]["S3OutputPath"], "s3://nova-it-out/output");
  EXPECT_EQ(d["OutputDataConfig"]["KmsKeyId"], "out-key");
  EXPECT_EQ(d["TensorBoardOutputConfig"]["S3OutputPath"], "s3://nova-it-out/output");
  EXPECT_EQ(d["VpcConfig"]["Subnets"], (json{"subnet-1", "subnet-2"}));
  EXPECT_EQ(d["VpcConfig"]["SecurityGroupIds"], (json{"sg-1"}));
  EXPECT_EQ(d["EnableInterContainerTrafficEncryption"], true);
  EXPECT_EQ(d["StoppingCondition"]["MaxRuntimeInSeconds"], 86400);

  // The recipe is in the default bucket at the dated key, byte for byte.
  std::string body;
  session().s3().get_object("sagemaker-us-east-1-123456789012",
                            "recipes/" + today() + "_my-sft-Jan_30-a1b/my-sft-Jan_30-a1b.yaml",
                            [&](std::string_view c) {
                              body.append(c);
                              return true;
                            });
  std::ifstream in(recipe_);
  const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(body, expected);
}

TEST_F(RuntimeSmtjTest, UserCallerGetsTheDefaultRoleCreatedOnce) {
  SMTJRuntimeManager manager("ml.g5.12xlarge", 1, std::nullopt, std::nullopt, false, std::nullopt, std::nullopt,
                             aws());
  JobConfig config = job("rft-nodata");
  config.data_s3_path.reset();
  config.input_s3_data_type.reset();
  const SMTJJobPlan plan = manager.plan(config);
  EXPECT_TRUE(plan.creates_default_role);
  EXPECT_EQ(plan.role_arn, "arn:aws:iam::123456789012:role/AmazonSageMaker-DefaultRole");

  const std::string job_id = manager.execute(config);
  aws::IamClient iam = session().iam();
  const aws::IamRole role = iam.get_role("AmazonSageMaker-DefaultRole");
  EXPECT_THAT(role.assume_role_policy_document, HasSubstr("sagemaker.amazonaws.com"));
  const auto attached = iam.list_attached_role_policies("AmazonSageMaker-DefaultRole");
  ASSERT_EQ(attached.size(), 1u);
  EXPECT_EQ(attached[0].policy_arn, "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");

  const json d = json::parse(session().sagemaker().describe_training_job(job_id).raw_json);
  EXPECT_EQ(d["RoleArn"], role.arn);
  ASSERT_EQ(d["InputDataConfig"].size(), 1u);
  EXPECT_EQ(d["InputDataConfig"][0]["ChannelName"], "recipe");
  EXPECT_FALSE(d.contains("VpcConfig"));

  // The role exists now: a second launch reuses it.
  EXPECT_NO_THROW(manager.execute(job("rft-again")));
  EXPECT_EQ(iam.list_attached_role_policies("AmazonSageMaker-DefaultRole").size(), 1u);
}

TEST_F(RuntimeSmtjTest, DefaultBucketIsCreatedInTheSessionRegion) {
  SMTJRuntimeManager manager("ml.p5.48xlarge", 4, std::string("arn:aws:iam::123456789012:role/NovaExec"),
                             std::nullopt, false, std::nullopt, std::nullopt, aws("eu-west-2"));
  const SMTJJobPlan plan = manager.plan(job("euw2"));
  EXPECT_THAT(plan.recipe_s3_uri, StartsWith("s3://sagemaker-eu-west-2-123456789012/recipes/"));
  EXPECT_THAT(json::parse(plan.request_json)["TrainingJobName"].get<std::string>(), StartsWith("euw2-"));
  // plan() creates nothing.
  EXPECT_THROW(session("eu-west-2").s3().head_bucket("sagemaker-eu-west-2-123456789012"), ServiceError);
  manager.execute(job("euw2"));
  EXPECT_EQ(session("eu-west-2").s3().head_bucket("sagemaker-eu-west-2-123456789012"), "eu-west-2");
}

TEST_F(RuntimeSmtjTest, RecipeProblemsAreValueErrors) {
  SMTJRuntimeManager manager("ml.p5.48xlarge", 4, std::nullopt, std::nullopt, false, std::nullopt, std::nullopt,
                             aws());
  JobConfig missing = job("missing");
  missing.recipe_path = (dir_ / "absent.yaml").string();
  EXPECT_THAT([&] { manager.execute(missing); }, ::testing::ThrowsMessage<ValueError>(HasSubstr("absent.yaml")));
  std::ofstream(dir_ / "no-model.yaml") << "run:\n  name: x\n";
  JobConfig no_model = job("nomodel");
  no_model.recipe_path = (dir_ / "no-model.yaml").string();
  EXPECT_THAT([&] { manager.execute(no_model); },
              ::testing::ThrowsMessage<ValueError>(HasSubstr("run.model_name_or_path")));
  no_model.model_name_or_path = "s3://escrow/ckpt/";
  const json body = json::parse(manager.plan(no_model).request_json);
  EXPECT_EQ(body["HyperParameters"]["base_model_location"], "s3://escrow/ckpt/");
}

TEST_F(RuntimeSmtjTest, TrainingResultReadsStatusAndArtifactsFromTheJob) {
  SMTJRuntimeManager manager("ml.p5.48xlarge", 4, std::string("arn:aws:iam::123456789012:role/NovaExec"),
                             std::nullopt, false, std::nullopt, std::nullopt, aws());
  const std::string job_id = manager.execute(job("status"));
  const aws::DescribeTrainingJobResult described = session().sagemaker().describe_training_job(job_id);

  const ModelArtifacts artifacts = SMTJTrainingResult::describe_model_artifacts(job_id, aws());
  EXPECT_EQ(artifacts.output_s3_path, "s3://nova-it-out/output");
  EXPECT_EQ(artifacts.checkpoint_s3_path,
            described.checkpoint_s3_uri.empty() ? std::nullopt : std::optional(described.checkpoint_s3_uri));

  SMTJTrainingResult result(job_id, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA, artifacts,
                            Model::NOVA_LITE_2);
  result.set_aws_options(aws());
  const auto [status, raw] = result.get_job_status();
  EXPECT_EQ(raw, described.status);
  EXPECT_FALSE(raw.empty());
  EXPECT_EQ(status, job_status_from_raw(described.status));

  SMTJTrainingResult unknown("no-such-job", std::chrono::system_clock::now(), TrainingMethod::SFT_LORA, {});
  unknown.set_aws_options(aws());
  EXPECT_THROW(unknown.get_job_status(), ServiceError);
}

}  // namespace
}  // namespace nova
