// Ambiguous creates on the deploy path (issue #10): a fault-injecting transport around the
// real one drops the answer of a create after the request reached the stand-in (or answers
// for it), and each case asserts what exists in the stand-in afterwards. Bedrock creates carry
// a stable clientRequestToken, so the client's retry is deduplicated; SageMaker and IAM creates
// take no token, so the deploy layer looks at what exists under the name before trying again.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/sagemaker/endpoint_client.hpp"
#include "aws/session/session.hpp"
#include "deploy/bedrock_deploy.hpp"
#include "deploy/deploy_role.hpp"
#include "deploy/sagemaker_endpoint.hpp"
#include "deploy/sagemaker_endpoint_table.hpp"
#include "nova/error.hpp"
#include "support/deploy_requests.hpp"
#include "support/standin_suite.hpp"

namespace nova::deploy {
namespace {

using aws::Fault;
using aws::FaultInjectingTransport;
using aws::HttpRequest;
using aws::TransportErrorKind;
using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kRole = "arn:aws:iam::123456789012:role/NovaDeployFaults";

WaitOptions quick() { return {std::chrono::milliseconds(1), std::chrono::seconds(30), [](const DeployWaitProgress&) {}}; }

bool is_operation(const HttpRequest& r, const std::string& target) {
  const std::string* header = aws::find_header(r.headers, "X-Amz-Target");
  return header != nullptr && *header == target;
}

class DeployFaultsTest : public nova::testing::StandinSuite {
 public:
  void SetUp() override {
    standin_->clear_calls();
    standin_->control("PUT", "bedrock/settings", R"({"describes_to_ready": 1, "page_size": 100})");
    standin_->control("PUT", "sagemaker-endpoints/settings", R"({"describes_to_ready": 1})");
    faults_ = std::make_shared<FaultInjectingTransport>(std::make_shared<aws::CurlTransport>());
  }

  // A session whose requests go through faults_; the client retries without waiting.
  aws::Session faulty() const {
    aws::SessionOptions options;
    options.transport = faults_;
    options.jitter = [] { return 0.0; };
    return aws::Session(options);
  }

  // The first request `matches` accepts gets `fault`; the others go through. Counts matches.
  void fail_first(std::function<bool(const HttpRequest&)> matches, Fault fault, std::function<void()> before = {}) {
    faults_->set_rule([this, matches, fault, before](const HttpRequest& r) -> std::optional<Fault> {
      if (!matches(r)) return std::nullopt;
      if (++matched_ > 1) return std::nullopt;
      if (before) before();
      return fault;
    });
  }

  static std::vector<json> recorded(const std::string& operation) { return recorded_calls(operation); }

  static json state(const std::string& module) { return json::parse(standin_->control("GET", module + "/state")); }

  static std::string import_model(const std::string& endpoint, const std::string& artifact) {
    auto bedrock = bedrock_client(aws::Session());
    return import_custom_model(bedrock, {endpoint, artifact, kRole, std::nullopt, std::nullopt, quick()}).arn;
  }

  static SageMakerEndpointRequest endpoint_request(const std::string& name) {
    return testing::sagemaker_endpoint_request(name, "faults", kRole);
  }

  std::shared_ptr<FaultInjectingTransport> faults_;
  int matched_{0};
};

const Fault kLostAnswer = Fault::transport(TransportErrorKind::kReset, /*after_send=*/true);

TEST_F(DeployFaultsTest, ALostCreateCustomModelAnswerImportsOnce) {
  fail_first([](const HttpRequest& r) { return r.method == "POST" && r.path == "/custom-models/create-custom-model"; },
             kLostAnswer);
  const std::string artifact = "s3://customer-escrow-123456789012-smtj-abc/faults/import/";
  auto bedrock = bedrock_client(faulty());
  const auto model = import_custom_model(bedrock, {"lost-import", artifact, kRole, std::nullopt, std::nullopt, quick()});

  const auto creates = recorded("CreateCustomModel");
  ASSERT_EQ(creates.size(), 2U);  // the lost one and the retry
  EXPECT_EQ(creates[0]["clientRequestToken"], creates[1]["clientRequestToken"]);
  int imported = 0;
  const json st = state("bedrock");
  for (const auto& m : st["models"]) imported += m["s3Uri"] == artifact ? 1 : 0;
  EXPECT_EQ(imported, 1);
  EXPECT_THAT(model.arn, HasSubstr(":custom-model/imported/"));
}

// The create of `platform`'s deployment (POST `path`) loses its answer once: the client's
// retry carries the same token, and the stand-in holds one deployment named `name`.
void expect_one_after_lost_answer(DeployFaultsTest& t, DeployPlatform platform, const std::string& name,
                                  const std::string& path, const std::string& operation, const std::string& table) {
  const std::string model = DeployFaultsTest::import_model(name, "s3://customer-escrow-123456789012-smtj-abc/faults/" + name + "/");
  t.fail_first([path](const HttpRequest& r) { return r.method == "POST" && r.path == path; }, kLostAnswer);
  auto bedrock = bedrock_client(t.faulty());
  const std::string arn = create_or_update_bedrock_deployment(bedrock, {platform, name, model, 1, std::nullopt, {}});
  const auto creates = DeployFaultsTest::recorded(operation);
  ASSERT_EQ(creates.size(), 2U);
  EXPECT_EQ(creates[0]["clientRequestToken"], creates[1]["clientRequestToken"]);
  int named = 0;
  const json st = DeployFaultsTest::state("bedrock");
  for (const auto& d : st[table]) named += d["name"] == name ? 1 : 0;
  EXPECT_EQ(named, 1);
  EXPECT_EQ(find_bedrock_deployment(bedrock, platform, name), arn);
}

TEST_F(DeployFaultsTest, ALostDeploymentAnswerCreatesOneDeployment) {
  expect_one_after_lost_answer(*this, DeployPlatform::BEDROCK_OD, "lost-od", "/model-customization/custom-model-deployments",
                               "CreateCustomModelDeployment", "deployments");
}

TEST_F(DeployFaultsTest, ALostProvisionedThroughputAnswerCreatesOne) {
  expect_one_after_lost_answer(*this, DeployPlatform::BEDROCK_PT, "lost-pt", "/provisioned-model-throughput",
                               "CreateProvisionedModelThroughput", "pts");
}

TEST_F(DeployFaultsTest, LostSageMakerCreateAnswersLeaveOneOfEach) {
  // Every create's answer is lost once: the model's, the config's and the endpoint's.
  faults_->set_rule([seen = std::make_shared<std::set<std::string>>()](const HttpRequest& r) -> std::optional<Fault> {
    for (const char* op : {"SageMaker.CreateModel", "SageMaker.CreateEndpointConfig", "SageMaker.CreateEndpoint"}) {
      if (is_operation(r, op) && seen->insert(op).second) return kLostAnswer;
    }
    return std::nullopt;
  });
  const auto created = deploy_sagemaker_endpoint(faulty(), endpoint_request("ep-lost"));
  EXPECT_EQ(created.endpoint_name, "ep-lost");
  EXPECT_THAT(created.endpoint_arn, HasSubstr(":endpoint/ep-lost"));
  // Each create reached the stand-in once; what followed each lost answer was a describe.
  EXPECT_EQ(recorded("CreateModel").size(), 1U);
  EXPECT_EQ(recorded("CreateEndpointConfig").size(), 1U);
  EXPECT_EQ(recorded("CreateEndpoint").size(), 1U);
  const json st = state("sagemaker-endpoints");
  EXPECT_TRUE(st["models"].contains("ep-lost-model"));
  EXPECT_TRUE(st["configs"].contains("ep-lost-config"));
  EXPECT_TRUE(st["endpoints"].contains("ep-lost"));
  EXPECT_EQ(wait_for_sagemaker_endpoint(aws::Session(), "ep-lost", quick()).status, "InService");
}

TEST_F(DeployFaultsTest, AServerErrorBeforeTheCreateLooksThenCreates) {
  // A 503 that never reached SageMaker: nothing exists under the name, so the create is sent again.
  fail_first([](const HttpRequest& r) { return is_operation(r, "SageMaker.CreateModel"); },
             Fault::json_error(503, "ServiceUnavailable", "try again"));
  deploy_sagemaker_endpoint(faulty(), endpoint_request("ep-503"));
  EXPECT_EQ(recorded("CreateModel").size(), 1U);  // the 503 was answered by the fault, not the stand-in
  EXPECT_EQ(matched_, 2);
  EXPECT_TRUE(state("sagemaker-endpoints")["models"].contains("ep-503-model"));
}

TEST_F(DeployFaultsTest, ASageMakerNameTakenMeanwhileByAnotherModelIsAClearError) {
  // Another client creates a different model under our name between our describe and our create.
  const auto take_the_name = [] {
    aws::SageMakerClient sm = aws::Session().sagemaker();
    aws::CreateModelRequest other;
    other.model_name = "ep-taken-model";
    other.image = sagemaker_inference_image("us-east-1");
    other.model_data_s3_prefix = "s3://someone-else/checkpoint/";
    other.execution_role_arn = kRole;
    aws::create_model(sm, other);
  };
  fail_first([](const HttpRequest& r) { return is_operation(r, "SageMaker.CreateModel"); }, Fault::pass(), take_the_name);
  try {
    deploy_sagemaker_endpoint(faulty(), endpoint_request("ep-taken"));
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("SageMaker model 'ep-taken-model' already exists and is not the one"));
    EXPECT_THAT(e.what(), HasSubstr("s3://someone-else/checkpoint/"));
  }
  EXPECT_TRUE(recorded("CreateEndpointConfig").empty());
  EXPECT_FALSE(state("sagemaker-endpoints")["endpoints"].contains("ep-taken"));
}

DeployRoleRequest role_request(const std::string& name) {
  return {DeployPlatform::BEDROCK_OD, name, "s3://customer-escrow-123456789012-smtj-abc/faults/role/", "123456789012",
          "us-east-1", std::nullopt};
}

bool is_create_role(const HttpRequest& r) { return r.body.data.find("Action=CreateRole") != std::string::npos; }

TEST_F(DeployFaultsTest, ALostCreateRoleAnswerIsRecognisedAsOurs) {
  fail_first(is_create_role, kLostAnswer);
  const std::string arn = ensure_deploy_role(faulty(), role_request("NovaLostRole"));
  EXPECT_EQ(arn, "arn:aws:iam::123456789012:role/NovaLostRole");
  EXPECT_EQ(recorded("CreateRole").size(), 1U);
  EXPECT_EQ(matched_, 1);  // no second CreateRole: GetRole found ours
  auto iam = aws::Session().iam();
  EXPECT_EQ(iam.get_role("NovaLostRole").arn, arn);
  EXPECT_FALSE(iam.get_role_policy("NovaLostRole", "NovaLostRoleS3_Read_Policy").policy_document.empty());
}

TEST_F(DeployFaultsTest, ARoleTakenMeanwhileByAnotherServiceIsAClearError) {
  const auto take_the_name = [] {
    aws::Session().iam().create_role(
        "NovaTakenRole",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})");
  };
  fail_first(is_create_role, Fault::pass(), take_the_name);
  try {
    ensure_deploy_role(faulty(), role_request("NovaTakenRole"));
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("IAM role 'NovaTakenRole' already exists and is not the one"));
    EXPECT_THAT(e.what(), HasSubstr("does not trust bedrock.amazonaws.com"));
  }
}

}  // namespace
}  // namespace nova::deploy
