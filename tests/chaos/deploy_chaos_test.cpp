// The chaos suite's deploy cases, through the fault-injecting decorator around the real
// transport to the AWS stand-in; each asserts the stand-in's state afterwards.
// ChaosInterruptedCreate: Ctrl-C while a create that keeps running or costing is on the wire.
// The interrupt is requested from the decorator as the create goes out, the way a signal
// lands mid-request. The create must finish (its answer names the resource), the resource
// must be noted for the CLI to print, and the run must then stop with InterruptedError before
// it creates anything else.
// ChaosDeployWait: waits ride out passing failures and give up within their budget.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <nlohmann/json.hpp>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/session/session.hpp"
#include "deploy/bedrock_deploy.hpp"
#include "deploy/sagemaker_endpoint.hpp"
#include "nova/interrupt.hpp"
#include "support/deploy_requests.hpp"
#include "support/interrupt_reset.hpp"
#include "support/standin_suite.hpp"

namespace nova {
namespace {

using aws::Fault;
using aws::HttpRequest;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kRole = "arn:aws:iam::123456789012:role/NovaChaosInterrupt";

deploy::WaitOptions quick() {
  return {std::chrono::milliseconds(1), std::chrono::seconds(30), [](const DeployWaitProgress&) {}};
}

bool is_target(const HttpRequest& r, const std::string& target) {
  const std::string* header = aws::find_header(r.headers, "X-Amz-Target");
  return header != nullptr && *header == target;
}

std::function<bool(const HttpRequest&)> post_to(const std::string& path) {
  return [path](const HttpRequest& r) { return r.method == "POST" && r.path == path; };
}

class DeployChaos : public testing::StandinSuite {
 protected:
  void SetUp() override {
    standin_->clear_calls();
    standin_->control("PUT", "bedrock/settings", R"({"describes_to_ready": 1, "page_size": 100})");
    standin_->control("PUT", "sagemaker-endpoints/settings", R"({"describes_to_ready": 1})");
    faults_ = std::make_shared<aws::FaultInjectingTransport>(std::make_shared<aws::CurlTransport>());
    aws::SessionOptions options;
    options.transport = faults_;
    options.jitter = [] { return 0.0; };
    session_ = std::make_shared<const aws::Session>(options);
  }

  // Requests SIGINT when the first request `matches` accepts is sent; the request goes through.
  void interrupt_at(std::function<bool(const HttpRequest&)> matches) {
    faults_->set_rule([matches, done = std::make_shared<bool>(false)](const HttpRequest& r) -> std::optional<Fault> {
      if (!*done && matches(r)) {
        *done = true;
        request_interrupt(SIGINT);
      }
      return std::nullopt;
    });
  }

  static json state(const std::string& module) { return json::parse(standin_->control("GET", module + "/state")); }

  static int count_named(const json& table, const std::string& key, const std::string& value) {
    int n = 0;
    for (const auto& item : table) n += item.value(key, "") == value ? 1 : 0;
    return n;
  }

  std::string import_model(const std::string& name, const std::string& artifact,
                           const deploy::WaitOptions& wait = quick()) const {
    auto bedrock = deploy::bedrock_client(*session_);
    return deploy::import_custom_model(bedrock, {name, artifact, kRole, std::nullopt, std::nullopt, wait}).arn;
  }

  static deploy::SageMakerEndpointRequest endpoint_request(const std::string& name) {
    return testing::sagemaker_endpoint_request(name, "chaos", kRole);
  }

  std::shared_ptr<aws::FaultInjectingTransport> faults_;
  std::shared_ptr<const aws::Session> session_;
};

class ChaosInterruptedCreate : public DeployChaos {};
class ChaosDeployWait : public DeployChaos {};

TEST_F(ChaosInterruptedCreate, CreateCustomModelFinishesIsNotedAndTheImportWaitStops) {
  const testing::InterruptReset reset;
  const std::string artifact = "s3://customer-escrow-123456789012-smtj-abc/interrupt/import/";
  interrupt_at(post_to("/custom-models/create-custom-model"));
  EXPECT_THROW(import_model("int-import", artifact), InterruptedError);

  EXPECT_EQ(recorded_calls("CreateCustomModel").size(), 1U);
  EXPECT_EQ(count_named(state("bedrock")["models"], "s3Uri", artifact), 1);
  EXPECT_TRUE(recorded_calls("GetCustomModel").empty());  // the wait stopped before its first poll
  const auto notes = created_resources();
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_THAT(notes[0], HasSubstr("Bedrock custom model int-import-"));
  EXPECT_THAT(notes[0], HasSubstr("was created and imports " + artifact));
}

TEST_F(ChaosInterruptedCreate, BedrockDeploymentCreatesFinishAreNotedAndTheWaitStops) {
  struct Case {
    DeployPlatform platform;
    std::string name, path, operation, table, note;
  };
  for (const Case& c : {Case{DeployPlatform::BEDROCK_OD, "int-od", "/model-customization/custom-model-deployments",
                             "CreateCustomModelDeployment", "deployments", "Bedrock deployment int-od was created"},
                        Case{DeployPlatform::BEDROCK_PT, "int-pt", "/provisioned-model-throughput",
                             "CreateProvisionedModelThroughput", "pts",
                             "Bedrock provisioned throughput int-pt was created and is billed while it exists"}}) {
    SCOPED_TRACE(c.name);
    const testing::InterruptReset reset;
    const std::string model = import_model(c.name, "s3://customer-escrow-123456789012-smtj-abc/interrupt/" + c.name + "/");
    testing::InterruptReset::reset();  // the import's note, not this case's

    interrupt_at(post_to(c.path));
    auto bedrock = deploy::bedrock_client(*session_);
    const std::string arn = deploy::create_or_update_bedrock_deployment(bedrock, {c.platform, c.name, model, 1, std::nullopt, {}});
    EXPECT_THAT(created_resources(),
                ElementsAre(c.note + "; delete it with `nova deploy delete " + c.name + " --yes`"));
    EXPECT_THROW(deploy::wait_until("deployment " + c.name,
                                    [&] { return deploy::poll_bedrock_deployment(bedrock, c.platform, arn); }, quick(),
                                    "nova deploy status " + c.name),
                 InterruptedError);

    EXPECT_EQ(recorded_calls(c.operation).size(), 1U);
    EXPECT_EQ(count_named(state("bedrock")[c.table], "name", c.name), 1);
    faults_->clear();
  }
}

TEST_F(ChaosInterruptedCreate, ASageMakerDeployStopsAfterTheCreateItWasInterruptedIn) {
  // Interrupted in each create: that one finishes and is noted, the next is never sent.
  struct Case {
    std::string target, endpoint;
    bool model, config, endpoint_made;
  };
  for (const Case& c : {Case{"SageMaker.CreateModel", "int-ep-model", true, false, false},
                        Case{"SageMaker.CreateEndpointConfig", "int-ep-config", true, true, false},
                        Case{"SageMaker.CreateEndpoint", "int-ep-endpoint", true, true, true}}) {
    SCOPED_TRACE(c.target);
    const testing::InterruptReset reset;
    interrupt_at([&](const HttpRequest& r) { return is_target(r, c.target); });
    EXPECT_THROW(deploy::deploy_sagemaker_endpoint(*session_, endpoint_request(c.endpoint)), InterruptedError);

    const json st = state("sagemaker-endpoints");
    EXPECT_EQ(st["models"].contains(c.endpoint + "-model"), c.model);
    EXPECT_EQ(st["configs"].contains(c.endpoint + "-config"), c.config);
    EXPECT_EQ(st["endpoints"].contains(c.endpoint), c.endpoint_made);
    const auto notes = created_resources();
    if (c.endpoint_made) {
      // The endpoint's note covers its model and config: `nova deploy delete` removes all three.
      ASSERT_EQ(notes.size(), 1U);
      EXPECT_THAT(notes[0], HasSubstr("SageMaker endpoint " + c.endpoint + " was created and is starting"));
      EXPECT_THAT(notes[0], HasSubstr("`nova deploy delete " + c.endpoint + " --yes`"));
    } else {
      ASSERT_EQ(notes.size(), c.config ? 2U : 1U);
      EXPECT_THAT(notes[0], HasSubstr("SageMaker model " + c.endpoint + "-model was created"));
      if (c.config) {
        EXPECT_THAT(notes[1], HasSubstr("SageMaker endpoint config " + c.endpoint + "-config was created"));
      }
    }
    faults_->clear();
  }
  EXPECT_EQ(recorded_calls("CreateModel").size(), 3U);
  EXPECT_EQ(recorded_calls("CreateEndpointConfig").size(), 2U);
  EXPECT_EQ(recorded_calls("CreateEndpoint").size(), 1U);
}

TEST_F(ChaosInterruptedCreate, AnInterruptBeforeACreateSendsNothing) {
  const testing::InterruptReset reset;
  // Requested while the deploy looks for an existing endpoint: no create may begin after it.
  interrupt_at([](const HttpRequest& r) { return is_target(r, "SageMaker.DescribeEndpoint"); });
  EXPECT_THROW(deploy::deploy_sagemaker_endpoint(*session_, endpoint_request("int-ep-early")), InterruptedError);
  EXPECT_TRUE(recorded_calls("CreateModel").empty());
  EXPECT_THAT(created_resources(), IsEmpty());
}

TEST_F(ChaosDeployWait, AnImportWaitThatNeverGetsAnAnswerGivesUpWithinItsBudgetAndResumes) {
  const std::string artifact = "s3://customer-escrow-123456789012-smtj-abc/waits/down/";
  const auto is_model_poll = [](const HttpRequest& r) { return r.method == "GET" && r.path.starts_with("/custom-models/"); };
  faults_->set_rule([&](const HttpRequest& r) -> std::optional<Fault> {
    if (!is_model_poll(r)) return std::nullopt;
    return Fault::json_error(503, "ServiceUnavailableException");
  });
  // By failed polls in a row, then by time spent failing: each ends the wait within its limit.
  struct Case {
    int max_errors;
    std::chrono::seconds max_time;
    std::string says;
  };
  for (const Case& c : {Case{3, std::chrono::seconds(600), "3 polls in a row failed"},
                        Case{1000, std::chrono::seconds(1), "polls in a row failed over"}}) {
    SCOPED_TRACE(c.says);
    auto wait = quick();  // sleeps for real: the time budget is the steady clock's
    wait.errors.max_consecutive_errors = c.max_errors;
    wait.errors.max_error_time = c.max_time;
    wait.errors.initial_backoff = std::chrono::milliseconds(50);
    wait.errors.max_backoff = std::chrono::milliseconds(200);
    const auto started = std::chrono::steady_clock::now();
    try {
      import_model("wait-down", artifact, wait);
      FAIL() << "expected the wait to give up";
    } catch (const ServiceError& e) {
      EXPECT_EQ(e.code(), "ServiceUnavailableException");
      EXPECT_FALSE(e.retryable());
      EXPECT_THAT(e.what(), HasSubstr("gave up waiting for the custom model wait-down-"));
      EXPECT_THAT(e.what(), HasSubstr(c.says));
      EXPECT_THAT(e.what(), HasSubstr("resume with `nova deploy create --model-artifact-path " + artifact + " ...`"));
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  }
  // Resumed once AWS answers again: the model the first run imported is found and waited on.
  faults_->clear();
  import_model("wait-down", artifact);
  EXPECT_EQ(recorded_calls("CreateCustomModel").size(), 1U);
  EXPECT_EQ(count_named(state("bedrock")["models"], "s3Uri", artifact), 1);
}

TEST_F(ChaosDeployWait, PassingThrottlesOnEveryKindOfStatusPollAreRiddenOut) {
  // Each poll's call is throttled on all of the client's attempts, four polls in a row: the
  // wait (budget 10) rides them out with backoff and ends when the endpoint is InService.
  // Created first (outside the faults), then waited on through them.
  deploy::deploy_sagemaker_endpoint(aws::Session(), endpoint_request("wait-throttled"));
  const int attempts = session_->settings().max_attempts;
  int describes = 0;
  faults_->set_rule([&](const HttpRequest& r) -> std::optional<Fault> {
    if (!is_target(r, "SageMaker.DescribeEndpoint") || ++describes > 4 * attempts) return std::nullopt;
    return Fault::json_error(400, "ThrottlingException");
  });
  auto wait = quick();
  wait.errors.initial_backoff = std::chrono::milliseconds(1);
  std::vector<std::string> statuses;
  wait.progress = [&](const DeployWaitProgress& p) { statuses.push_back(p.status); };
  const auto state_after = deploy::wait_for_sagemaker_endpoint(*session_, "wait-throttled", wait);
  EXPECT_EQ(state_after.status, "InService");
  EXPECT_GT(describes, 4 * attempts);
  ASSERT_FALSE(statuses.empty());
  EXPECT_EQ(statuses.back(), "InService");
  EXPECT_EQ(recorded_calls("CreateEndpoint").size(), 1U);
}

}  // namespace
}  // namespace nova
