// The CreateTrainingJob request of an SMTJ job, for every JobConfig combination.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "runtime/smtj_request.hpp"

namespace nova::runtime {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr const char* kImage = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-TJ-SFT-V2-latest";
constexpr const char* kRole = "arn:aws:iam::123456789012:role/NovaExec";

JobConfig sft_job() {
  JobConfig job;
  job.job_name = "my-sft-0f8fad5b";
  job.image_uri = kImage;
  job.recipe_path = "/tmp/recipes/my-sft-Jan_30-abc.yaml";
  job.output_s3_path = "s3://out-bucket/output";
  job.data_s3_path = "s3://data-bucket/train.jsonl";
  job.input_s3_data_type = "Converse";
  return job;
}

SmtjSettings settings() {
  SmtjSettings s;
  s.instance_type = "ml.p5.48xlarge";
  s.instance_count = 4;
  return s;
}

RecipeLocation location() {
  return recipe_location("sagemaker-us-east-1-123456789012", "/tmp/recipes/my-sft-Jan_30-abc.yaml",
                         std::chrono::sys_days{std::chrono::year{2026} / 1 / 30} + std::chrono::hours(23));
}

Json body(const SmtjSettings& s, const JobConfig& job, const std::string& model = "nova-lite-2/prod") {
  return Json::parse(aws::to_request_json(build_training_job_request(s, job, kRole, location(), model)));
}

TEST(RecipeLocation, DatedFolderNamedAfterTheFileStem) {
  const RecipeLocation loc = location();
  EXPECT_EQ(loc.key, "recipes/2026-01-30_my-sft-Jan_30-abc/my-sft-Jan_30-abc.yaml");
  EXPECT_EQ(loc.uri(), "s3://sagemaker-us-east-1-123456789012/recipes/2026-01-30_my-sft-Jan_30-abc/my-sft-Jan_30-abc.yaml");
  EXPECT_EQ(loc.folder_uri(), "s3://sagemaker-us-east-1-123456789012/recipes/2026-01-30_my-sft-Jan_30-abc/");
}

TEST(DefaultBucket, RegionThenAccount) {
  EXPECT_EQ(default_bucket("eu-west-2", "123456789012"), "sagemaker-eu-west-2-123456789012");
}

TEST(SmtjRequest, SftWithDataHasEveryField) {
  const Json b = body(settings(), sft_job());
  EXPECT_EQ(b["TrainingJobName"], "my-sft-0f8fad5b");
  EXPECT_EQ(b["AlgorithmSpecification"], Json({{"TrainingImage", kImage}, {"TrainingInputMode", "File"}}));
  EXPECT_EQ(b["RoleArn"], kRole);
  EXPECT_EQ(b["ResourceConfig"],
            Json({{"InstanceType", "ml.p5.48xlarge"}, {"InstanceCount", 4}, {"VolumeSizeInGB", 30}}));
  ASSERT_EQ(b["InputDataConfig"].size(), 2u);
  EXPECT_EQ(b["InputDataConfig"][0], Json::parse(R"({"ChannelName":"train","DataSource":{"S3DataSource":{
      "S3DataType":"Converse","S3Uri":"s3://data-bucket/train.jsonl","S3DataDistributionType":"FullyReplicated"}}})"));
  EXPECT_EQ(b["InputDataConfig"][1], Json::parse(R"({"ChannelName":"recipe","InputMode":"File","DataSource":{
      "S3DataSource":{"S3DataType":"S3Prefix","S3DataDistributionType":"FullyReplicated",
      "S3Uri":"s3://sagemaker-us-east-1-123456789012/recipes/2026-01-30_my-sft-Jan_30-abc/"}}})"));
  EXPECT_EQ(b["HyperParameters"], Json({{"sagemaker_recipe_local_path", "/opt/ml/input/data/recipe/my-sft-Jan_30-abc.yaml"},
                                        {"base_model", "nova-lite-2/prod"}}));
  EXPECT_EQ(b["OutputDataConfig"], Json({{"S3OutputPath", "s3://out-bucket/output"}}));
  EXPECT_EQ(b["TensorBoardOutputConfig"], Json({{"S3OutputPath", "s3://out-bucket/output"}}));
  EXPECT_EQ(b["ProfilerConfig"], Json({{"DisableProfiler", true}}));
  EXPECT_EQ(b["StoppingCondition"], Json({{"MaxRuntimeInSeconds", 86400}}));
  EXPECT_EQ(b["EnableInterContainerTrafficEncryption"], false);
  EXPECT_FALSE(b.contains("VpcConfig"));
  EXPECT_FALSE(b.contains("Tags"));
}

TEST(SmtjRequest, KmsKeyEncryptsTheOutput) {
  SmtjSettings s = settings();
  s.kms_key_id = "1234abcd-12ab-34cd-56ef-1234567890ab";
  const Json b = body(s, sft_job());
  EXPECT_EQ(b["OutputDataConfig"]["KmsKeyId"], "1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_FALSE(b["ResourceConfig"].contains("VolumeKmsKeyId"));
}

TEST(SmtjRequest, VpcAndInterContainerEncryption) {
  SmtjSettings s = settings();
  s.subnets = {"subnet-1", "subnet-2"};
  s.security_group_ids = {"sg-1"};
  s.encrypt_inter_container_traffic = true;
  const Json b = body(s, sft_job());
  EXPECT_EQ(b["VpcConfig"], Json({{"Subnets", {"subnet-1", "subnet-2"}}, {"SecurityGroupIds", {"sg-1"}}}));
  EXPECT_EQ(b["EnableInterContainerTrafficEncryption"], true);
}

TEST(SmtjRequest, NoDataMeansOnlyTheRecipeChannel) {
  JobConfig job = sft_job();
  job.data_s3_path.reset();
  const Json b = body(settings(), job);
  ASSERT_EQ(b["InputDataConfig"].size(), 1u);
  EXPECT_EQ(b["InputDataConfig"][0]["ChannelName"], "recipe");
}

TEST(SmtjRequest, RftWithoutDataTypeUsesS3Prefix) {
  JobConfig job = sft_job();
  job.input_s3_data_type.reset();
  const Json b = body(settings(), job);
  EXPECT_EQ(b["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataType"], "S3Prefix");
}

TEST(SmtjRequest, S3ModelGoesToBaseModelLocation) {
  const Json b = body(settings(), sft_job(), "s3://escrow/checkpoints/step_100");
  EXPECT_EQ(b["HyperParameters"]["base_model_location"], "s3://escrow/checkpoints/step_100");
  EXPECT_FALSE(b["HyperParameters"].contains("base_model"));
}

TEST(SmtjRequest, MissingFieldsAreNamed) {
  JobConfig no_output = sft_job();
  no_output.output_s3_path.reset();
  EXPECT_THAT([&] { body(settings(), no_output); },
              ::testing::ThrowsMessage<ValueError>(HasSubstr("output_s3_path")));
  JobConfig no_image = sft_job();
  no_image.image_uri.clear();
  EXPECT_THAT([&] { body(settings(), no_image); }, ::testing::ThrowsMessage<ValueError>(HasSubstr("image_uri")));
  JobConfig bad_data = sft_job();
  bad_data.data_s3_path = "/local/train.jsonl";
  EXPECT_THAT([&] { body(settings(), bad_data); }, ::testing::ThrowsMessage<ValueError>(HasSubstr("data_s3_path")));
  JobConfig bad_name = sft_job();
  bad_name.job_name = "bad_name";
  EXPECT_THAT([&] { body(settings(), bad_name); }, ::testing::ThrowsMessage<ValueError>(HasSubstr("bad_name")));
  EXPECT_THAT([&] { body(settings(), sft_job(), ""); },
              ::testing::ThrowsMessage<ValueError>(HasSubstr("model_name_or_path")));
}

}  // namespace
}  // namespace nova::runtime
