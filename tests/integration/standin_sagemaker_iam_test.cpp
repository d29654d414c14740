// The SageMaker and IAM operations moto lacks, against the loopback stand-in
// (tests/support/aws_standin.py) in front of its own moto_server. The stand-in checks each
// request and each answer it writes against botocore's model; StandinSuite's TearDown
// asserts none failed.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/iam/iam_client.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "support/standin_suite.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

class StandinTest : public nova::testing::StandinSuite {
 protected:
  void SetUp() override {
    standin_->clear_calls();
    standin_->set_page_size(100);
  }
  static SageMakerClient sagemaker() { return Session().sagemaker(); }
  static IamClient iam() { return Session().iam(); }

  // The params the stand-in recorded for the calls of `operation`, in order.
  static std::vector<json> recorded(const std::string& operation) {
    std::vector<json> out;
    for (const auto& call : json::parse(standin_->calls_json())) {
      if (call["operation"] == operation) out.push_back(call["params"]);
    }
    return out;
  }
};

CreateTrainingJobRequest job(const std::string& name, const std::string& role = "arn:aws:iam::123456789012:role/Exec") {
  CreateTrainingJobRequest r;
  r.training_job_name = name;
  r.training_image = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-TJ-SFT-latest";
  r.role_arn = role;
  r.instance_type = "ml.p5.48xlarge";
  r.instance_count = 4;
  r.input_channels = {{"train", "s3://data/train.jsonl", "Converse", "FullyReplicated", std::nullopt, std::nullopt},
                      {"recipe", "s3://data/recipes/", "S3Prefix", "FullyReplicated", std::string("File"),
                       std::nullopt}};
  r.hyper_parameters = {{"sagemaker_recipe_local_path", "/opt/ml/input/data/recipe/r.yaml"}};
  r.output_s3_path = "s3://out/output";
  r.output_kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/k";
  r.volume_kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/v";
  r.tensorboard_s3_path = "s3://out/output";
  r.subnets = {"subnet-1"};
  r.security_group_ids = {"sg-1"};
  r.enable_inter_container_traffic_encryption = true;
  r.environment = {{"A", "1"}, {"B", "2"}};
  r.tags = {{"team", "nova"}};
  return r;
}

TEST_F(StandinTest, CreateTrainingJobSendsEveryMemberAsBotocoreReadsIt) {
  SageMakerClient sm = sagemaker();
  const CreateTrainingJobRequest req = job("nova-standin-full");
  sm.create_training_job(req);
  const auto calls = recorded("CreateTrainingJob");
  ASSERT_EQ(calls.size(), 1U);
  // Decoded and validated by botocore on arrival: the params are exactly the request body.
  EXPECT_EQ(calls[0], json::parse(to_request_json(req)));
  EXPECT_EQ(calls[0]["ProfilerConfig"], (json{{"DisableProfiler", true}}));
  EXPECT_EQ(calls[0]["Environment"], (json{{"A", "1"}, {"B", "2"}}));
}

TEST_F(StandinTest, CreatingTheSameJobAgainReturnsItsArn) {
  SageMakerClient sm = sagemaker();
  const std::string arn = sm.create_training_job(job("nova-standin-twice"));
  EXPECT_EQ(sm.create_training_job(job("nova-standin-twice")), arn);
  EXPECT_EQ(recorded("CreateTrainingJob").size(), 2U);
  EXPECT_EQ(recorded("DescribeTrainingJob").size(), 1U);  // how the second call recognised its job
}

TEST_F(StandinTest, ARetryAfterALostAnswerFindsItsOwnJob) {
  // The first attempt reaches the service and creates the job, but its answer is lost; the
  // retry meets ResourceInUse and recognises the job as its own.
  auto faults = std::make_shared<FaultInjectingTransport>(std::make_shared<CurlTransport>());
  faults->push(Fault::transport(TransportErrorKind::kReset, /*after_send=*/true));
  SessionOptions options;
  options.transport = faults;
  options.jitter = [] { return 0.0; };
  SageMakerClient sm = Session(options).sagemaker();
  const std::string arn = sm.create_training_job(job("nova-standin-lost-answer"));
  EXPECT_EQ(arn, "arn:aws:sagemaker:us-east-1:123456789012:training-job/nova-standin-lost-answer");
  EXPECT_EQ(recorded("CreateTrainingJob").size(), 2U);
  EXPECT_EQ(faults->calls(), 3);  // lost create, ResourceInUse, DescribeTrainingJob
}

TEST_F(StandinTest, ANameTakenByAnotherJobIsAClearError) {
  SageMakerClient sm = sagemaker();
  sm.create_training_job(job("nova-standin-clash"));
  try {
    sm.create_training_job(job("nova-standin-clash", "arn:aws:iam::123456789012:role/Other"));
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ResourceInUse");
    EXPECT_THAT(e.what(), HasSubstr("a training job named 'nova-standin-clash' already exists"));
    EXPECT_THAT(e.what(), HasSubstr("role arn:aws:iam::123456789012:role/Exec"));
    EXPECT_THAT(e.what(), HasSubstr("choose a job name that is not in use"));
  }
}

TEST_F(StandinTest, StoppedJobReadsBackStopped) {
  SageMakerClient sm = sagemaker();
  sm.create_training_job(job("nova-standin-stop"));
  sm.stop_training_job("nova-standin-stop");
  const DescribeTrainingJobResult d = sm.describe_training_job("nova-standin-stop");
  EXPECT_EQ(d.status, "Stopped");
  EXPECT_EQ(d.secondary_status, "Stopped");
  ListTrainingJobsRequest list;
  list.name_contains = "nova-standin-stop";
  const auto jobs = sm.list_all_training_jobs(list);
  ASSERT_EQ(jobs.size(), 1U);
  EXPECT_EQ(jobs[0].status, "Stopped");
}

TEST_F(StandinTest, StoppingAnUnknownJobIsAValidationError) {
  SageMakerClient sm = sagemaker();
  try {
    sm.stop_training_job("nova-standin-no-such-job");
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ValidationException");
    EXPECT_THAT(e.what(), HasSubstr("Requested resource not found."));
  }
}

TEST_F(StandinTest, HubContentDocumentReadsBack) {
  const std::string doc = R"({"RecipeCollection":[{"Name":"nova-lite-sft"}]})";
  standin_->put_hub_content("nova-textgeneration-lite-v2", doc, "1.4.0");
  SageMakerClient sm = sagemaker();
  const auto latest = sm.describe_hub_content("SageMakerPublicHub", "Model", "nova-textgeneration-lite-v2");
  EXPECT_EQ(latest.hub_content_document, doc);
  EXPECT_EQ(latest.hub_content_version, "1.4.0");
  EXPECT_EQ(latest.hub_content_name, "nova-textgeneration-lite-v2");
  EXPECT_EQ(latest.hub_name, "SageMakerPublicHub");
  EXPECT_EQ(latest.hub_content_type, "Model");
  EXPECT_THAT(latest.hub_content_arn, HasSubstr(":hub-content/SageMakerPublicHub/Model/nova-textgeneration-lite-v2/"));
  const auto pinned = sm.describe_hub_content("SageMakerPublicHub", "Model", "nova-textgeneration-lite-v2", "1.4.0");
  EXPECT_EQ(pinned.hub_content_document, doc);
  EXPECT_EQ(recorded("DescribeHubContent").back()["HubContentVersion"], "1.4.0");

  try {
    sm.describe_hub_content("SageMakerPublicHub", "Model", "nova-no-such-model");
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ResourceNotFound");
    EXPECT_THAT(e.what(), HasSubstr("nova-no-such-model"));
  }
}

TEST_F(StandinTest, MlflowAppsAndTrackingServersFollowEveryPage) {
  SageMakerClient sm = sagemaker();
  EXPECT_TRUE(sm.list_mlflow_apps().empty());
  EXPECT_TRUE(sm.list_mlflow_tracking_servers().empty());
  standin_->set_mlflow_apps(R"([
    {"Name": "DefaultMLFlowApp", "Arn": "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-AAA", "Status": "Created"},
    {"Name": "Other", "Arn": "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-BBB", "Status": "Creating"},
    {"Name": "Third", "Arn": "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-CCC", "Status": "Failed"}])");
  standin_->set_mlflow_tracking_servers(R"([
    {"TrackingServerName": "ts-1", "TrackingServerArn": "arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/ts-1",
     "TrackingServerStatus": "Created", "IsActive": "Active"},
    {"TrackingServerName": "ts-2", "TrackingServerArn": "arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/ts-2",
     "TrackingServerStatus": "Stopped"}])");
  standin_->set_page_size(1);
  standin_->clear_calls();

  const auto apps = sm.list_mlflow_apps();
  ASSERT_EQ(apps.size(), 3U);
  EXPECT_EQ(apps[0].name, "DefaultMLFlowApp");
  EXPECT_EQ(apps[0].arn, "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-AAA");
  EXPECT_EQ(apps[2].status, "Failed");
  EXPECT_EQ(recorded("ListMlflowApps").size(), 3U);

  const auto servers = sm.list_mlflow_tracking_servers();
  ASSERT_EQ(servers.size(), 2U);
  EXPECT_EQ(servers[0].name, "ts-1");
  EXPECT_EQ(servers[0].status, "Created");
  EXPECT_EQ(servers[0].is_active, "Active");
  EXPECT_FALSE(servers[1].is_active.has_value());
  EXPECT_EQ(recorded("ListMlflowTrackingServers").size(), 2U);
  standin_->set_mlflow_apps("[]");
  standin_->set_mlflow_tracking_servers("[]");
}

TEST_F(StandinTest, SimulatePrincipalPolicyAnswersEveryPairOverPages) {
  IamClient client = iam();
  const IamRole role = client.create_role("nova-standin-caller", kTrust);
  standin_->deny_actions({"s3:PutObject"});
  standin_->set_page_size(2);
  const auto results = client.simulate_principal_policy(role.arn, {"s3:GetObject", "s3:PutObject", "s3:ListBucket"},
                                                        {"arn:aws:s3:::bucket/*"});
  ASSERT_EQ(results.size(), 3U);
  EXPECT_EQ(results[0].action, "s3:GetObject");
  EXPECT_EQ(results[0].resource, "arn:aws:s3:::bucket/*");
  EXPECT_EQ(results[0].decision, "allowed");
  EXPECT_EQ(results[1].decision, "implicitDeny");
  EXPECT_EQ(results[2].decision, "allowed");
  const auto calls = recorded("SimulatePrincipalPolicy");
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[0]["ActionNames"], (json{"s3:GetObject", "s3:PutObject", "s3:ListBucket"}));
  EXPECT_EQ(calls[1]["Marker"], "2");

  // The reference's permission probe: no actions, every resource.
  EXPECT_TRUE(client.simulate_principal_policy(role.arn, {}, {"*"}).empty());
  EXPECT_EQ(recorded("SimulatePrincipalPolicy").back()["ActionNames"], json::array());
  standin_->deny_actions({});

  try {
    client.simulate_principal_policy("arn:aws:iam::123456789012:role/nova-no-such-role", {"s3:GetObject"}, {"*"});
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "NoSuchEntity");
  }
}

TEST_F(StandinTest, ARequestMissingARequiredMemberIsRejected) {
  SageMakerClient sm = sagemaker();
  HttpRequest r = sm.core().new_request("POST", "/");
  frame_json11(r, "SageMaker", "DescribeHubContent", R"({"HubContentType":"Model","HubContentName":"x"})");
  try {
    (void)sm.core().invoke({"DescribeHubContent", /*idempotent=*/false, false, false}, r);
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.http_status(), 500);
  }
  IamClient client = iam();
  HttpRequest q = client.core().new_request("POST", "/");
  frame_query(q, "SimulatePrincipalPolicy", "2010-05-08", {{"PolicySourceArn", "arn:aws:iam::1:role/r"},
                                                            {"ActionNames.member.1", "s3:GetObject"},
                                                            {"Bogus", "1"}});
  EXPECT_THROW((void)client.core().invoke({"SimulatePrincipalPolicy", false, false, false}, q), ServiceError);

  const json failures = json::parse(standin_->failures_json());
  ASSERT_EQ(failures.size(), 2U);
  EXPECT_THAT(failures[0].get<std::string>(), HasSubstr("HubName"));
  EXPECT_THAT(failures[1].get<std::string>(), HasSubstr("Bogus"));
  standin_->clear_failures();
}

}  // namespace
}  // namespace nova::aws
