// SageMaker training jobs and HyperPod clusters against a real moto_server: every field
// the Nova training path sends is read back from DescribeTrainingJob's body.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <set>

#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "support/moto_suite.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class SageMakerMotoTest : public nova::testing::MotoSuite {
 protected:
  SageMakerClient client() { return Session().sagemaker(); }

  static std::string unique_name(const std::string& stem) {
    static int n = 0;
    return stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
  }
};

// Every member set, as the training path would.
CreateTrainingJobRequest full_request(const std::string& name) {
  CreateTrainingJobRequest r;
  r.training_job_name = name;
  r.training_image = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-TJ-SFT-latest";
  r.role_arn = "arn:aws:iam::123456789012:role/NovaExecution";
  r.instance_type = "ml.p5.48xlarge";
  r.instance_count = 2;
  r.volume_size_gb = 30;
  r.volume_kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/volume-key";
  TrainingChannel train{"train", "s3://nova-data/train.jsonl", "Converse", "FullyReplicated", std::nullopt,
                        std::string("application/jsonlines")};
  TrainingChannel recipe{"recipe", "s3://nova-data/recipes/2026-01-01_sft/", "S3Prefix", "FullyReplicated",
                         std::string("File"), std::nullopt};
  r.input_channels = {train, recipe};
  r.hyper_parameters = {{"sagemaker_recipe_local_path", "/opt/ml/input/data/recipe/sft.yaml"},
                        {"base_model", "nova-lite-2/prod"}};
  r.output_s3_path = "s3://nova-out/output";
  r.output_kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/output-key";
  r.tensorboard_s3_path = "s3://nova-out/output";
  r.profiler_disabled = true;
  r.subnets = {"subnet-1", "subnet-2"};
  r.security_group_ids = {"sg-1"};
  r.enable_inter_container_traffic_encryption = true;
  r.max_runtime_seconds = 86400;
  r.environment = {{"NOVA_FLAG", "1"}};
  r.tags = {{"project", "nova"}};
  return r;
}

TEST(SageMakerRequestJson, EveryMemberInTheApiShape) {
  const json body = json::parse(to_request_json(full_request("job-a")));
  EXPECT_EQ(body["TrainingJobName"], "job-a");
  EXPECT_EQ(body["AlgorithmSpecification"], (json{{"TrainingImage", full_request("x").training_image},
                                                  {"TrainingInputMode", "File"}}));
  EXPECT_EQ(body["ResourceConfig"]["VolumeSizeInGB"], 30);
  EXPECT_EQ(body["ResourceConfig"]["VolumeKmsKeyId"], "arn:aws:kms:us-east-1:123456789012:key/volume-key");
  EXPECT_EQ(body["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataType"], "Converse");
  EXPECT_EQ(body["InputDataConfig"][0]["ContentType"], "application/jsonlines");
  EXPECT_FALSE(body["InputDataConfig"][0].contains("InputMode"));
  EXPECT_EQ(body["InputDataConfig"][1]["InputMode"], "File");
  EXPECT_EQ(body["ProfilerConfig"], (json{{"DisableProfiler", true}}));
  EXPECT_EQ(body["Environment"], (json{{"NOVA_FLAG", "1"}}));
  EXPECT_EQ(body["Tags"], json::parse(R"([{"Key":"project","Value":"nova"}])"));
  EXPECT_EQ(body["StoppingCondition"]["MaxRuntimeInSeconds"], 86400);
}

TEST(SageMakerRequestJson, UnsetOptionalMembersAreLeftOut) {
  CreateTrainingJobRequest r;
  r.training_job_name = "job-b";
  r.training_image = "image";
  r.role_arn = "arn:aws:iam::123456789012:role/R";
  r.instance_type = "ml.g5.12xlarge";
  r.output_s3_path = "s3://b/o";
  r.profiler_disabled = false;
  const json body = json::parse(to_request_json(r));
  std::set<std::string> keys;
  for (const auto& [k, v] : body.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"TrainingJobName", "AlgorithmSpecification", "RoleArn", "OutputDataConfig",
                                         "ResourceConfig", "StoppingCondition",
                                         "EnableInterContainerTrafficEncryption"}));
  EXPECT_EQ(body["OutputDataConfig"], (json{{"S3OutputPath", "s3://b/o"}}));
}

TEST_F(SageMakerMotoTest, CreatedJobReadsBackWithEveryStoredField) {
  SageMakerClient sm = client();
  const std::string name = unique_name("nova-full");
  const CreateTrainingJobRequest req = full_request(name);
  const std::string arn = sm.create_training_job(req);
  EXPECT_EQ(arn, "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + name);

  const DescribeTrainingJobResult d = sm.describe_training_job(name);
  EXPECT_EQ(d.name, name);
  EXPECT_EQ(d.arn, arn);
  EXPECT_EQ(d.role_arn, req.role_arn);
  EXPECT_EQ(d.training_image, req.training_image);
  EXPECT_EQ(d.instance_type, "ml.p5.48xlarge");
  EXPECT_EQ(d.instance_count, 2);
  EXPECT_EQ(d.output_s3_path, "s3://nova-out/output");
  EXPECT_EQ(d.model_artifacts_s3, "s3://nova-out/output/" + name + "/output/model.tar.gz");
  EXPECT_FALSE(d.status.empty());
  ASSERT_TRUE(d.creation_time.has_value());
  EXPECT_LT(std::chrono::abs(std::chrono::system_clock::now() - *d.creation_time), std::chrono::minutes(5));

  // moto keeps these members of the request verbatim (it drops Environment and
  // ProfilerConfig; the stand-in suite checks those as received).
  const json raw = json::parse(d.raw_json);
  const json sent = json::parse(to_request_json(req));
  EXPECT_EQ(raw["HyperParameters"], sent["HyperParameters"]);
  EXPECT_EQ(raw["InputDataConfig"], sent["InputDataConfig"]);
  EXPECT_EQ(raw["OutputDataConfig"], sent["OutputDataConfig"]);
  EXPECT_EQ(raw["ResourceConfig"], sent["ResourceConfig"]);
  EXPECT_EQ(raw["VpcConfig"], sent["VpcConfig"]);
  EXPECT_EQ(raw["StoppingCondition"], sent["StoppingCondition"]);
  EXPECT_EQ(raw["TensorBoardOutputConfig"], sent["TensorBoardOutputConfig"]);
  EXPECT_EQ(raw["EnableInterContainerTrafficEncryption"], true);
  EXPECT_EQ(raw["AlgorithmSpecification"]["TrainingInputMode"], "File");
}

TEST_F(SageMakerMotoTest, UnknownJobIsAValidationError) {
  SageMakerClient sm = client();
  try {
    sm.describe_training_job("nova-no-such-job");
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ValidationException");
    EXPECT_EQ(e.http_status(), 400);
    EXPECT_THAT(e.what(), HasSubstr("nova-no-such-job"));
  }
}

TEST_F(SageMakerMotoTest, ListingFollowsEveryPage) {
  SageMakerClient sm = client();
  const std::string stem = unique_name("nova-page");
  std::set<std::string> created;
  for (int i = 0; i < 5; ++i) {
    const std::string name = stem + "-" + std::to_string(i);
    sm.create_training_job(full_request(name));
    created.insert(name);
  }
  ListTrainingJobsRequest req;
  req.name_contains = stem;
  req.max_results = 2;
  // moto filters by name after cutting the page, so a page may hold fewer than asked.
  const ListTrainingJobsResult first = sm.list_training_jobs(req);
  EXPECT_LE(first.summaries.size(), 2U);
  EXPECT_FALSE(first.next_token.empty());

  std::set<std::string> listed;
  for (const auto& s : sm.list_all_training_jobs(req)) {
    EXPECT_EQ(s.arn, "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + s.name);
    EXPECT_TRUE(s.creation_time.has_value());
    listed.insert(s.name);
  }
  EXPECT_EQ(listed, created);
}

TEST_F(SageMakerMotoTest, DescribeClusterReadsInstanceGroups) {
  // The SDK never creates clusters: a raw CreateCluster through the same signed client.
  SageMakerClient sm = client();
  const std::string name = unique_name("nova-hp");
  const json create = {
      {"ClusterName", name},
      {"InstanceGroups",
       {{{"InstanceGroupName", "workers"},
         {"InstanceType", "ml.p5.48xlarge"},
         {"InstanceCount", 2},
         {"LifeCycleConfig", {{"SourceS3Uri", "s3://sagemaker-lifecycle/"}, {"OnCreate", "on_create.sh"}}},
         {"ExecutionRole", "arn:aws:iam::123456789012:role/HpRole"},
         {"ThreadsPerCore", 1},
         {"InstanceStorageConfigs", json::array()}}}},
      {"VpcConfig", {{"SecurityGroupIds", {"sg-1"}}, {"Subnets", {"subnet-1"}}}}};
  HttpRequest r = sm.core().new_request("POST", "/");
  frame_json11(r, "SageMaker", "CreateCluster", create.dump());
  (void)sm.core().invoke({"CreateCluster", false, false, false}, r);

  const DescribeClusterResult c = sm.describe_cluster(name);
  EXPECT_EQ(c.name, name);
  EXPECT_THAT(c.arn, HasSubstr(":cluster/"));
  EXPECT_FALSE(c.status.empty());
  ASSERT_EQ(c.instance_groups.size(), 1U);
  EXPECT_EQ(c.instance_groups[0].name, "workers");
  EXPECT_EQ(c.instance_groups[0].instance_type, "ml.p5.48xlarge");
  EXPECT_EQ(c.instance_groups[0].current_count, 2);
  EXPECT_EQ(c.instance_groups[0].target_count, 2);
  EXPECT_TRUE(c.restricted_instance_groups.empty());
  EXPECT_EQ(json::parse(c.raw_json)["ClusterName"], name);

  try {
    sm.describe_cluster("nova-no-such-cluster");
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    // moto answers ValidationException where the real API answers ResourceNotFound.
    EXPECT_EQ(e.code(), "ValidationException");
    EXPECT_THAT(e.what(), HasSubstr("nova-no-such-cluster"));
  }
}

}  // namespace
}  // namespace nova::aws
