// SageMaker real-time endpoints (src/deploy/sagemaker_endpoint*) against the loopback
// stand-in's SageMaker endpoint module (tests/support/standin_sagemaker_endpoints.py), which
// checks every request and answer against botocore's model and moves endpoints through
// Creating -> InService, Updating, Deleting and scripted failures.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/sagemaker/endpoint_client.hpp"
#include "aws/session/session.hpp"
#include "deploy/bedrock_names.hpp"
#include "deploy/sagemaker_endpoint.hpp"
#include "deploy/sagemaker_endpoint_table.hpp"
#include "nova/deploy.hpp"
#include "nova/error.hpp"
#include "support/standin_suite.hpp"

namespace nova::deploy {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kRole = "arn:aws:iam::123456789012:role/SageMakerDeployModelExecutionRole";

class SageMakerEndpointTest : public nova::testing::StandinSuite {
 protected:
  void SetUp() override {
    standin_->clear_calls();
    standin_->control("PUT", "sagemaker-endpoints/settings", R"({"describes_to_ready": 2})");
  }

  static SageMakerEndpointRequest request(const std::string& name) {
    SageMakerEndpointRequest r;
    r.endpoint_name = name;
    r.model_artifact_s3_uri = "s3://escrow-bucket/jobs/job-1/checkpoint";
    r.model = Model::NOVA_MICRO;
    r.instance_type = "ml.g6.12xlarge";
    r.execution_role_arn = kRole;
    r.context_length = 8000;
    r.max_concurrency = 4;
    r.tags = {{"nova:training-job", "job-1"}};
    return r;
  }

  static WaitOptions fast_wait() {
    WaitOptions w;
    w.poll_interval = std::chrono::milliseconds(1);
    w.timeout = std::chrono::seconds(30);
    w.progress = [](const DeployWaitProgress&) {};
    return w;
  }

  static std::vector<json> recorded(const std::string& operation) { return recorded_calls(operation); }
};

TEST_F(SageMakerEndpointTest, CreatesModelConfigAndEndpointAndWaitsForInService) {
  aws::Session session;
  const auto created = deploy_sagemaker_endpoint(session, request("ep-create"));
  EXPECT_EQ(created.status, "Creating");
  EXPECT_EQ(created.endpoint_name, "ep-create");
  EXPECT_EQ(created.model_name, "ep-create-model");
  EXPECT_EQ(created.config_name, "ep-create-config");
  EXPECT_THAT(created.endpoint_arn, HasSubstr(":endpoint/ep-create"));
  EXPECT_FALSE(created.created_at.empty());

  const auto model = recorded("CreateModel").at(0);
  EXPECT_EQ(model["PrimaryContainer"]["Image"],
            "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-inference-repo:SM-Inference-latest");
  EXPECT_EQ(model["PrimaryContainer"]["ModelDataSource"]["S3DataSource"],
            (json{{"S3Uri", "s3://escrow-bucket/jobs/job-1/checkpoint/"}, {"S3DataType", "S3Prefix"},
                  {"CompressionType", "None"}}));
  EXPECT_EQ(model["PrimaryContainer"]["Environment"], (json{{"CONTEXT_LENGTH", "8000"}, {"MAX_CONCURRENCY", "4"}}));
  EXPECT_EQ(model["EnableNetworkIsolation"], true);
  EXPECT_EQ(model["ExecutionRoleArn"], kRole);
  EXPECT_EQ(model["Tags"], (json::array({{{"Key", "nova:training-job"}, {"Value", "job-1"}}})));
  const auto config = recorded("CreateEndpointConfig").at(0);
  EXPECT_EQ(config["ProductionVariants"][0]["InstanceType"], "ml.g6.12xlarge");
  EXPECT_EQ(config["ProductionVariants"][0]["ModelName"], "ep-create-model");

  std::vector<std::string> seen;
  WaitOptions wait = fast_wait();
  wait.progress = [&](const DeployWaitProgress& p) { seen.push_back(p.status); };
  const auto ready = wait_for_sagemaker_endpoint(session, "ep-create", wait);
  EXPECT_EQ(ready.status, "InService");
  EXPECT_EQ(ready.model_name, "ep-create-model");
  EXPECT_EQ(seen.back(), "InService");

  aws::SageMakerClient sm = session.sagemaker();
  const auto described = aws::describe_model(sm, "ep-create-model");
  ASSERT_TRUE(described);
  EXPECT_TRUE(described->enable_network_isolation);
}

TEST_F(SageMakerEndpointTest, TierOutsideTheTableIsRefusedBeforeAnythingIsCreated) {
  aws::Session session;
  auto r = request("ep-tier");
  r.context_length = 8000;
  r.max_concurrency = 7;  // g6.12xlarge for Micro: (4000, 12), (8000, 6)
  try {
    deploy_sagemaker_endpoint(session, r);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("CONTEXT_LENGTH=8000 and MAX_CONCURRENCY=7"));
    EXPECT_THAT(e.what(), HasSubstr("context_length <= 4000, max_concurrency <= 12"));
    EXPECT_THAT(e.what(), HasSubstr("context_length <= 8000, max_concurrency <= 6"));
  }
  r.max_concurrency = 4;
  r.instance_type = "ml.g5.12xlarge";
  r.model = Model::NOVA_LITE;
  try {
    deploy_sagemaker_endpoint(session, r);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("'ml.g5.12xlarge' does not serve NOVA_LITE"));
    EXPECT_THAT(e.what(), HasSubstr("ml.g6.48xlarge"));
  }
  EXPECT_TRUE(recorded("CreateModel").empty());
}

TEST_F(SageMakerEndpointTest, P5AndG6TypesAreAcceptedForEveryModelTheTableNames) {
  EXPECT_NO_THROW(check_sagemaker_inference_tier(Model::NOVA_LITE_2, "ml.p5.48xlarge", 256000, 2));
  EXPECT_NO_THROW(check_sagemaker_inference_tier(Model::NOVA_PRO, "ml.p5.48xlarge", 24000, 1));
  EXPECT_THROW(check_sagemaker_inference_tier(Model::NOVA_PRO, "ml.p5.48xlarge", 24001, 1), ValueError);
  EXPECT_THROW(check_sagemaker_inference_tier(Model::NOVA_MICRO, "ml.g6.48xlarge", 0, 1), ValueError);
  EXPECT_THAT(sagemaker_inference_image("us-west-2"), HasSubstr("176779409107.dkr.ecr.us-west-2"));
  try {
    sagemaker_inference_image("ap-south-1");
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("eu-west-2, us-east-1, us-west-2"));
  }
}

TEST_F(SageMakerEndpointTest, FailIfExistsRefusesAnExistingEndpoint) {
  aws::Session session;
  deploy_sagemaker_endpoint(session, request("ep-exists"));
  try {
    deploy_sagemaker_endpoint(session, request("ep-exists"));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Deployment 'ep-exists' already exists on platform SAGEMAKER"));
    EXPECT_THAT(e.what(), HasSubstr("UPDATE_IF_EXISTS"));
  }
  EXPECT_EQ(recorded("CreateEndpoint").size(), 1U);
}

TEST_F(SageMakerEndpointTest, UpdateIfExistsDeploysANewConfigThroughUpdateEndpoint) {
  aws::Session session;
  deploy_sagemaker_endpoint(session, request("ep-update"));
  wait_for_sagemaker_endpoint(session, "ep-update", fast_wait());
  auto r = request("ep-update");
  r.mode = DeploymentMode::UPDATE_IF_EXISTS;
  r.model_artifact_s3_uri = "s3://escrow-bucket/jobs/job-2/checkpoint/";
  const auto updating = deploy_sagemaker_endpoint(session, r);
  EXPECT_EQ(updating.status, "Updating");
  const auto update = recorded("UpdateEndpoint");
  ASSERT_EQ(update.size(), 1U);
  EXPECT_THAT(update[0]["EndpointConfigName"].get<std::string>(), HasSubstr("ep-update-config-"));
  const auto ready = wait_for_sagemaker_endpoint(session, "ep-update", fast_wait());
  EXPECT_EQ(ready.status, "InService");
  EXPECT_EQ(ready.config_name, update[0]["EndpointConfigName"]);
  EXPECT_THAT(ready.model_name, HasSubstr("ep-update-model-"));
}

TEST_F(SageMakerEndpointTest, FailedEndpointRaisesWithItsFailureReason) {
  aws::Session session;
  deploy_sagemaker_endpoint(session, request("ep-fails"));
  standin_->control("PUT", "sagemaker-endpoints/fail/ep-fails",
                    R"({"reason": "The primary container for production variant primary did not pass the ping health check."})");
  try {
    wait_for_sagemaker_endpoint(session, "ep-fails", fast_wait());
    FAIL() << "no error";
  } catch (const ServiceError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Failed"));
    EXPECT_THAT(e.what(), HasSubstr("did not pass the ping health check"));
  }
  auto r = request("ep-fails");
  r.mode = DeploymentMode::UPDATE_IF_EXISTS;
  EXPECT_THROW(deploy_sagemaker_endpoint(session, r), ValueError);  // a Failed endpoint cannot be updated
}

TEST_F(SageMakerEndpointTest, ThrottlingDuringTheWaitIsRetried) {
  aws::Session session;
  deploy_sagemaker_endpoint(session, request("ep-throttled"));
  standin_->control("PUT", "sagemaker-endpoints/throttle", R"({"operation": "DescribeEndpoint", "count": 2})");
  EXPECT_EQ(wait_for_sagemaker_endpoint(session, "ep-throttled", fast_wait()).status, "InService");
}

TEST_F(SageMakerEndpointTest, InterruptedDeployReusesTheModelItAlreadyCreated) {
  aws::Session session;
  aws::SageMakerClient sm = session.sagemaker();
  // A first run that stopped after CreateModel.
  aws::CreateModelRequest left;
  left.model_name = "ep-resume-model";
  left.image = sagemaker_inference_image("us-east-1");
  left.model_data_s3_prefix = "s3://escrow-bucket/jobs/job-1/checkpoint/";
  left.environment = {{"CONTEXT_LENGTH", "8000"}, {"MAX_CONCURRENCY", "4"}};
  left.execution_role_arn = kRole;
  aws::create_model(sm, left);
  standin_->clear_calls();
  deploy_sagemaker_endpoint(session, request("ep-resume"));
  EXPECT_TRUE(recorded("CreateModel").empty());
  EXPECT_EQ(recorded("CreateEndpoint").size(), 1U);

  // A different model under the name is not silently served.
  left.model_name = "ep-other-model";
  left.model_data_s3_prefix = "s3://escrow-bucket/someone-else/";
  aws::create_model(sm, left);
  EXPECT_THROW(deploy_sagemaker_endpoint(session, request("ep-other")), ValueError);
}

TEST_F(SageMakerEndpointTest, DescribeByNameOrArnAndDeleteWaitsUntilGone) {
  aws::Session session;
  const auto created = deploy_sagemaker_endpoint(session, request("ep-delete"));
  const auto by_arn = describe_sagemaker_endpoint(session, created.endpoint_arn);
  ASSERT_TRUE(by_arn);
  EXPECT_EQ(by_arn->endpoint_name, "ep-delete");
  EXPECT_EQ(by_arn->model_name, "ep-delete-model");
  EXPECT_FALSE(describe_sagemaker_endpoint(session, "ep-nowhere"));

  delete_sagemaker_endpoint(session, "ep-delete", fast_wait());
  EXPECT_FALSE(describe_sagemaker_endpoint(session, "ep-delete"));
  aws::SageMakerClient sm = session.sagemaker();
  EXPECT_FALSE(aws::describe_endpoint_config(sm, "ep-delete-config"));
  EXPECT_FALSE(aws::describe_model(sm, "ep-delete-model"));
  EXPECT_NO_THROW(delete_sagemaker_endpoint(session, "ep-delete", fast_wait()));  // already gone
}

TEST_F(SageMakerEndpointTest, DeleteRemovesEveryModelAndConfigOfTheEndpoint) {
  aws::Session session;
  aws::SageMakerClient sm = session.sagemaker();
  deploy_sagemaker_endpoint(session, request("ep-purge"));
  wait_for_sagemaker_endpoint(session, "ep-purge", fast_wait());
  auto update = request("ep-purge");
  update.mode = DeploymentMode::UPDATE_IF_EXISTS;
  update.model_artifact_s3_uri = "s3://escrow-bucket/jobs/job-2/checkpoint/";
  deploy_sagemaker_endpoint(session, update);
  wait_for_sagemaker_endpoint(session, "ep-purge", fast_wait());
  // Another endpoint's model whose name starts the same way stays.
  aws::CreateModelRequest other;
  other.model_name = "ep-purgex-model";
  other.image = sagemaker_inference_image("us-east-1");
  other.model_data_s3_prefix = "s3://escrow-bucket/other/";
  other.execution_role_arn = kRole;
  aws::create_model(sm, other);
  ASSERT_EQ(aws::list_model_names(sm, "ep-purge-model").size(), 2U);  // the first and the update's
  ASSERT_EQ(aws::list_endpoint_config_names(sm, "ep-purge-config").size(), 2U);

  delete_sagemaker_endpoint(session, "ep-purge", fast_wait());
  EXPECT_FALSE(aws::describe_endpoint(sm, "ep-purge"));
  EXPECT_TRUE(aws::list_model_names(sm, "ep-purge-model").empty());
  EXPECT_TRUE(aws::list_endpoint_config_names(sm, "ep-purge-config").empty());
  EXPECT_TRUE(aws::describe_model(sm, "ep-purgex-model"));
}

TEST_F(SageMakerEndpointTest, DescribeAndListShowTheLineageFromTags) {
  aws::Session session;
  auto r = request("ep-lineage");
  r.tags = {{kEscrowUriTag, "s3://escrow-bucket/jobs/job-1/checkpoint"}, {kTrainingJobTag, "job-1"}};
  deploy_sagemaker_endpoint(session, r);
  const DeploymentSummary described = describe_deployment("ep-lineage");
  EXPECT_EQ(described.endpoint.platform, DeployPlatform::SAGEMAKER);
  EXPECT_EQ(described.lineage.training_job, "job-1");
  EXPECT_EQ(described.lineage.checkpoint, "s3://escrow-bucket/jobs/job-1/checkpoint");
  EXPECT_EQ(described.endpoint.model_artifact_path, described.lineage.checkpoint);
  EXPECT_THAT(described.lineage.model_arn, HasSubstr(":model/ep-lineage-model"));
  EXPECT_THAT(described.created_at, ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"));
  bool listed = false;
  for (const auto& s : list_deployments()) {
    if (s.endpoint.endpoint_name != "ep-lineage") continue;
    listed = true;
    EXPECT_EQ(s.lineage, described.lineage);
  }
  EXPECT_TRUE(listed);
}

TEST_F(SageMakerEndpointTest, BadNamesAndUrisAreRefused) {
  aws::Session session;
  auto r = request("bad_name");
  EXPECT_THROW(deploy_sagemaker_endpoint(session, r), ValueError);
  r = request("ep-bad-uri");
  r.model_artifact_s3_uri = "/local/path";
  try {
    deploy_sagemaker_endpoint(session, r);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not an S3 URI"));
  }
}

}  // namespace
}  // namespace nova::deploy
