// nova::invoke / invoke_stream against the loopback stand-in: Bedrock Runtime Converse and
// ConverseStream (tests/support/standin_bedrock_runtime.py) for OD and PT deployments made through
// the Bedrock module (standin_bedrock.py, which must hold them Active / InService), SageMaker
// InvokeEndpoint and InvokeEndpointWithResponseStream (standin_sagemaker_endpoints.py) for
// endpoints. The stand-in encodes its event streams itself and checks them with botocore.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/bedrock/bedrock_client.hpp"
#include "aws/session/session.hpp"
#include "deploy/sagemaker_endpoint.hpp"
#include "nova/error.hpp"
#include "nova/invoke.hpp"
#include "support/standin_suite.hpp"

namespace nova {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;


class InvokeTest : public nova::testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    aws::Session session;
    aws::BedrockClient bedrock(session.client_config("bedrock"));
    aws::CreateCustomModelRequest model;
    model.model_name = "invoke-model";
    model.s3_uri = "s3://customer-escrow-123456789012/job/checkpoint/";
    model.role_arn = "arn:aws:iam::123456789012:role/BedrockDeployModelExecutionRole";
    const std::string model_arn = bedrock.create_custom_model(model);
    while (bedrock.get_custom_model(model_arn).status != "Active") {
    }
    aws::CreateCustomModelDeploymentRequest od;
    od.deployment_name = "invoke-od";
    od.model_arn = model_arn;
    deployment_arn_ = bedrock.create_custom_model_deployment(od);
    aws::CreateProvisionedThroughputRequest pt;
    pt.name = "invoke-pt";
    pt.model_id = model_arn;
    provisioned_arn_ = bedrock.create_provisioned_model_throughput(pt);
    while (bedrock.get_custom_model_deployment(deployment_arn_).status != "Active" ||
           bedrock.get_provisioned_model_throughput(provisioned_arn_).status != "InService") {
    }
  }

  static EndpointInfo od() { return {DeployPlatform::BEDROCK_OD, "invoke-od", deployment_arn_, "s3://b/ckpt/"}; }
  static EndpointInfo pt() { return {DeployPlatform::BEDROCK_PT, "invoke-pt", provisioned_arn_, "s3://b/ckpt/"}; }

  inline static std::string deployment_arn_, provisioned_arn_;

  void SetUp() override {
    standin_->clear_calls();
    standin_->control("PUT", "bedrock-runtime/reply", "null");
    standin_->control("PUT", "sagemaker-endpoints/reply", "null");
  }

  static std::vector<json> recorded(const std::string& operation) {
    std::vector<json> out;
    for (const auto& call : json::parse(standin_->calls_json())) {
      if (call["operation"] == operation) out.push_back(call["params"]);
    }
    return out;
  }

  // An InService SageMaker endpoint named `name`.
  static EndpointInfo sagemaker_endpoint(const std::string& name) {
    aws::Session session;
    if (!deploy::describe_sagemaker_endpoint(session, name)) {
      deploy::SageMakerEndpointRequest r;
      r.endpoint_name = name;
      r.model_artifact_s3_uri = "s3://escrow-bucket/checkpoint/";
      r.instance_type = "ml.g6.12xlarge";
      r.execution_role_arn = "arn:aws:iam::123456789012:role/SageMakerDeployModelExecutionRole";
      deploy::deploy_sagemaker_endpoint(session, r);
      deploy::WaitOptions wait;
      wait.poll_interval = std::chrono::milliseconds(1);
      wait.progress = [](const DeployWaitProgress&) {};
      deploy::wait_for_sagemaker_endpoint(session, name, wait);
    }
    const auto state = deploy::describe_sagemaker_endpoint(session, name);
    return {DeployPlatform::SAGEMAKER, name, state->endpoint_arn, "s3://escrow-bucket/checkpoint/"};
  }
};

TEST_F(InvokeTest, OnDemandDeploymentIsAskedThroughConverseWithItsArnAsModelId) {
  InferenceConfig config;
  config.system = "Be brief.";
  config.max_tokens = 50;
  config.temperature = 0.2;
  const InvokeResult r = invoke(od(), "hello nova", config);
  EXPECT_EQ(r.text, "echo: hello nova");
  EXPECT_EQ(r.stop_reason, "end_turn");
  EXPECT_EQ(r.usage.input_tokens, 4);  // "hello nova" + "Be brief."
  EXPECT_EQ(r.usage.output_tokens, 3);
  EXPECT_EQ(r.usage.total_tokens, 7);
  const auto calls = recorded("Converse");
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0]["modelId"], deployment_arn_);  // decoded from the %3A/%2F-encoded path
  EXPECT_EQ(calls[0]["system"], (json::array({{{"text", "Be brief."}}})));
  EXPECT_EQ(calls[0]["inferenceConfig"]["maxTokens"], 50);
  EXPECT_DOUBLE_EQ(calls[0]["inferenceConfig"]["temperature"].get<double>(), 0.2);
}

TEST_F(InvokeTest, ProvisionedThroughputAndMaxTokensStop) {
  InferenceConfig config;
  config.max_tokens = 2;
  const InvokeResult r = invoke(pt(), "one two three four", config);
  EXPECT_EQ(r.text, "echo: one");
  EXPECT_EQ(r.stop_reason, "max_tokens");
  EXPECT_EQ(recorded("Converse").at(0)["modelId"], provisioned_arn_);
}

TEST_F(InvokeTest, ConverseStreamDeliversDeltasInOrder) {
  std::vector<std::string> deltas;
  const InvokeResult r = invoke_stream(od(), {{"user", "stream this please"}},
                                       [&](std::string_view t) { deltas.emplace_back(t); });
  EXPECT_EQ(r.text, "echo: stream this please");
  EXPECT_EQ(deltas, (std::vector<std::string>{"echo:", " stream", " this", " please"}));
  EXPECT_EQ(r.stop_reason, "end_turn");
  EXPECT_EQ(r.usage.total_tokens, 7);
}

TEST_F(InvokeTest, StreamErrorEventBecomesAServiceError) {
  standin_->control("PUT", "bedrock-runtime/stream-error", R"({"message": "model crashed"})");
  std::string seen;
  try {
    invoke_stream(od(), {{"user", "hi there"}}, [&](std::string_view t) { seen += t; });
    FAIL() << "no error";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "modelStreamErrorException");
    EXPECT_THAT(e.what(), HasSubstr("model crashed"));
  }
  EXPECT_EQ(seen, "echo:");  // what arrived before the error was delivered
}

TEST_F(InvokeTest, CorruptFrameIsReportedAsAnInvalidEventStream) {
  standin_->control("PUT", "bedrock-runtime/corrupt-stream", "{}");
  std::string seen;
  try {
    invoke_stream(od(), {{"user", "two words"}}, [&](std::string_view t) { seen += t; });
    FAIL() << "no error";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "InvalidEventStream");
    EXPECT_THAT(e.what(), HasSubstr("message CRC"));
  }
  EXPECT_EQ(seen, "echo: two words");  // the frames before the corrupt one were delivered
}

TEST_F(InvokeTest, ThrottledConverseIsRetried) {
  standin_->control("PUT", "bedrock-runtime/throttle", R"({"count": 1})");
  EXPECT_EQ(invoke(od(), "again").text, "echo: again");
  EXPECT_EQ(recorded("Converse").size(), 2U);
}

TEST_F(InvokeTest, SageMakerEndpointGetsAnOpenAiStyleChatBody) {
  const EndpointInfo ep = sagemaker_endpoint("invoke-ep");
  standin_->clear_calls();
  InferenceConfig config;
  config.system = "You are terse.";
  config.max_tokens = 64;
  const InvokeResult r = invoke(ep, {{"user", "hi"}, {"assistant", "hello"}, {"user", "how are you"}}, config);
  EXPECT_EQ(r.text, "echo: how are you");
  EXPECT_EQ(r.stop_reason, "stop");
  EXPECT_EQ(r.usage.output_tokens, 4);
  const auto calls = recorded("InvokeEndpoint");
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0]["EndpointName"], "invoke-ep");
  const json body = json::parse(calls[0]["Body"].get<std::string>());
  EXPECT_EQ(body["messages"][0], (json{{"role", "system"}, {"content", "You are terse."}}));
  EXPECT_EQ(body["messages"].size(), 4U);
  EXPECT_EQ(body["max_tokens"], 64);
}

TEST_F(InvokeTest, SageMakerStreamReassemblesServerSentEventsAcrossPayloadParts) {
  const EndpointInfo ep = sagemaker_endpoint("invoke-ep");
  standin_->control("PUT", "sagemaker-endpoints/reply", R"({"content": "a longer answer with several words", "finish_reason": "length"})");
  std::string streamed;
  const InvokeResult r = invoke_stream(ep, {{"user", "go"}}, [&](std::string_view t) { streamed += t; });
  EXPECT_EQ(r.text, "a longer answer with several words");
  EXPECT_EQ(streamed, r.text);
  EXPECT_EQ(r.stop_reason, "length");
  EXPECT_EQ(r.usage.output_tokens, 6);
}

TEST_F(InvokeTest, BadRequestsAreRefusedBeforeAnyCall) {
  EXPECT_THROW(invoke(od(), std::vector<ChatMessage>{}), ValueError);
  EXPECT_THROW(invoke(od(), {{"system", "x"}}), ValueError);
  EXPECT_THROW(invoke(od(), std::string()), ValueError);
  InferenceConfig config;
  config.max_tokens = 0;
  EXPECT_THROW(invoke(od(), "hi", config), ValueError);
  config = {};
  config.temperature = 3.0;
  EXPECT_THROW(invoke(od(), "hi", config), ValueError);
  EXPECT_TRUE(recorded("Converse").empty());
  // An endpoint SageMaker does not know is AWS's error, passed on.
  const EndpointInfo missing{DeployPlatform::SAGEMAKER, "no-such-ep",
                             "arn:aws:sagemaker:us-east-1:123456789012:endpoint/no-such-ep", ""};
  EXPECT_THROW(invoke(missing, "hi"), ServiceError);
  const EndpointInfo gone{DeployPlatform::BEDROCK_OD, "gone",
                          "arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/000000000000", ""};
  try {
    invoke(gone, "hi");
    FAIL() << "no error";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ResourceNotFoundException");
  }
}

}  // namespace
}  // namespace nova
