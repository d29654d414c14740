// NovaModelCustomizer::deploy() to Bedrock (on demand and provisioned throughput) against the
// stand-in's Bedrock control plane (standin_bedrock.py, checked against botocore's model) with
// moto behind it for IAM, S3 and STS: the existing-deployment rules, the import and its wait,
// reuse after an interrupted run, the role's scoped policies, IAM validation, pagination,
// throttling, lookups and deletes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/bedrock/bedrock_client.hpp"
#include "aws/session/session.hpp"
#include "deploy/bedrock_deploy.hpp"
#include "deploy/bedrock_names.hpp"
#include "nova/customizer.hpp"
#include "nova/deploy.hpp"
#include "nova/error.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "support/job_output_fixture.hpp"
#include "support/standin_suite.hpp"
#include "support/tar_gz.hpp"

namespace nova {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kArtifact = "s3://customer-escrow-123456789012-smtj-abc/job-1/checkpoint/";
constexpr const char* kOtherArtifact = "s3://customer-escrow-123456789012-smtj-abc/job-2/checkpoint/";

class DeployBedrockTest : public testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    aws::Session session;
    session.s3().create_bucket("nova-deploy-out");
    session.iam().create_role("NovaExec", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                                          R"("Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]})");
  }

  void SetUp() override {
    standin_->clear_calls();
    standin_->deny_actions({});
    standin_->control("PUT", "bedrock/settings", R"({"describes_to_ready": 2, "page_size": 2})");
  }

  static std::shared_ptr<SMTJRuntimeManager> smtj() {
    return std::make_shared<SMTJRuntimeManager>("ml.p5.48xlarge", 2, "arn:aws:iam::123456789012:role/NovaExec");
  }

  static NovaModelCustomizer customizer(DeploymentMode mode = DeploymentMode::FAIL_IF_EXISTS) {
    CustomizerOptions o;
    o.output_s3_path = "s3://nova-deploy-out/output";
    o.deployment_mode = mode;
    return NovaModelCustomizer(Model::NOVA_MICRO, TrainingMethod::SFT_LORA, smtj(), o);
  }

  static DeployOptions options(const std::string& name, DeployPlatform platform = DeployPlatform::BEDROCK_OD,
                               const std::string& artifact = kArtifact) {
    DeployOptions o;
    o.model_artifact_path = artifact;
    o.deploy_platform = platform;
    o.endpoint_name = name;
    if (platform == DeployPlatform::BEDROCK_PT) o.pt_units = 1;
    o.wait.poll_interval = std::chrono::milliseconds(5);
    o.wait.progress = [](const DeployWaitProgress&) {};
    return o;
  }

  // The calls the stand-in saw to `operation`, with their params.
  static std::vector<json> calls(const std::string& operation) { return recorded_calls(operation); }

  static aws::BedrockClient bedrock() { return deploy::bedrock_client(aws::Session()); }
};

TEST_F(DeployBedrockTest, OnDemandImportsWaitsAndDeploysWithLineage) {
  auto c = customizer();
  const DeploymentResult result = c.deploy(options("od-happy"));
  EXPECT_EQ(result.endpoint().platform, DeployPlatform::BEDROCK_OD);
  EXPECT_EQ(result.endpoint().endpoint_name, "od-happy");
  EXPECT_THAT(result.endpoint().uri, HasSubstr(":custom-model-deployment/"));
  EXPECT_EQ(result.endpoint().model_artifact_path, kArtifact);  // the path deployed, not the output path
  EXPECT_EQ(result.lineage().checkpoint, kArtifact);
  EXPECT_THAT(result.lineage().model_arn, HasSubstr(":custom-model/imported/"));
  EXPECT_EQ(result.lineage().deployment_arn, result.endpoint().uri);

  const auto creates = calls("CreateCustomModel");
  ASSERT_EQ(creates.size(), 1U);
  EXPECT_EQ(creates[0]["modelSourceConfig"]["s3DataSource"]["s3Uri"], kArtifact);
  EXPECT_EQ(creates[0]["roleArn"], "arn:aws:iam::123456789012:role/BedrockDeployModelExecutionRole");
  EXPECT_EQ(creates[0]["clientRequestToken"].get<std::string>().size(), 36U);  // a UUID per create call
  EXPECT_EQ(creates[0]["modelTags"][0]["key"], deploy::kEscrowUriTag);
  EXPECT_EQ(creates[0]["modelTags"][0]["value"], kArtifact);
  EXPECT_GE(calls("GetCustomModel").size(), 2U);  // waited until Active
  const auto deployments = calls("CreateCustomModelDeployment");
  ASSERT_EQ(deployments.size(), 1U);
  EXPECT_EQ(deployments[0]["modelArn"], result.lineage().model_arn);

  EXPECT_EQ(result.status(), "Creating");
  EXPECT_EQ(result.wait({std::chrono::milliseconds(5), std::nullopt, [](const DeployWaitProgress&) {}}), "Active");
  EXPECT_EQ(result.status(), "Active");

  const DeploymentSummary found = describe_deployment("od-happy");
  EXPECT_EQ(found.endpoint.uri, result.endpoint().uri);
  EXPECT_EQ(found.lineage.model_arn, result.lineage().model_arn);
  EXPECT_EQ(found.lineage.checkpoint, kArtifact);
  EXPECT_EQ(find_deployment(result.endpoint().uri).endpoint_name, "od-happy");
}

TEST_F(DeployBedrockTest, ExecutionRolePoliciesAreScopedToTheArtifactAndReplacedInPlace) {
  auto c = customizer();
  c.deploy(options("od-role-a"));
  auto iam = aws::Session().iam();
  const auto role = iam.get_role("BedrockDeployModelExecutionRole");
  EXPECT_THAT(role.assume_role_policy_document, HasSubstr("bedrock.amazonaws.com"));
  const std::string s3 = iam.get_role_policy("BedrockDeployModelExecutionRole", "BedrockDeployModelExecutionRoleS3_Read_Policy").policy_document;
  EXPECT_THAT(s3, HasSubstr("arn:aws:s3:::customer-escrow-123456789012-smtj-abc/job-1/checkpoint/*"));
  EXPECT_THAT(s3, ::testing::Not(HasSubstr("\"*\"")));
  c.deploy(options("od-role-b", DeployPlatform::BEDROCK_OD, kOtherArtifact));
  const std::string again = iam.get_role_policy("BedrockDeployModelExecutionRole", "BedrockDeployModelExecutionRoleS3_Read_Policy").policy_document;
  EXPECT_THAT(again, HasSubstr("job-2/checkpoint/*"));
}

TEST_F(DeployBedrockTest, FailIfExistsRefusesBeforeAnythingIsImported) {
  auto c = customizer();
  c.deploy(options("od-twice"));
  standin_->clear_calls();
  try {
    c.deploy(options("od-twice", DeployPlatform::BEDROCK_OD, kOtherArtifact));
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Deployment 'od-twice' already exists on platform BEDROCK_OD"));
    EXPECT_THAT(e.what(), HasSubstr("Change deployment_mode to override"));
  }
  EXPECT_TRUE(calls("CreateCustomModel").empty());
  EXPECT_TRUE(calls("ListCustomModels").empty());
}

TEST_F(DeployBedrockTest, UpdateIfExistsIsRefusedForOnDemandWithWhy) {
  customizer().deploy(options("od-update"));
  standin_->clear_calls();
  auto c = customizer(DeploymentMode::UPDATE_IF_EXISTS);
  try {
    c.deploy(options("od-update", DeployPlatform::BEDROCK_OD, kOtherArtifact));
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("only supported for Provisioned Throughput"));
    EXPECT_THAT(e.what(), HasSubstr("cannot be pointed at another model in place"));
  }
  EXPECT_TRUE(calls("CreateCustomModel").empty());
}

TEST_F(DeployBedrockTest, ProvisionedThroughputNeedsUnitsUpFront) {
  auto c = customizer();
  standin_->clear_calls();  // constructing the customizer asked for its recipe; deploy must ask nothing
  auto o = options("pt-nounits", DeployPlatform::BEDROCK_PT);
  o.pt_units.reset();
  EXPECT_THROW(c.deploy(o), ValueError);
  o.pt_units = 0;
  try {
    c.deploy(o);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("pt_units >= 1"));
  }
  EXPECT_EQ(json::parse(standin_->calls_json()).size(), 0U);
}

TEST_F(DeployBedrockTest, ProvisionedThroughputIsCreatedThenUpdatedInPlace) {
  const DeploymentResult first = customizer().deploy(options("pt-upd", DeployPlatform::BEDROCK_PT));
  EXPECT_THAT(first.endpoint().uri, HasSubstr(":provisioned-model/"));
  ASSERT_EQ(calls("CreateProvisionedModelThroughput").size(), 1U);
  EXPECT_EQ(calls("CreateProvisionedModelThroughput")[0]["modelUnits"], 1);
  EXPECT_EQ(first.wait({std::chrono::milliseconds(5), std::nullopt, [](const DeployWaitProgress&) {}}), "InService");

  standin_->clear_calls();
  auto c = customizer(DeploymentMode::UPDATE_IF_EXISTS);
  const DeploymentResult second = c.deploy(options("pt-upd", DeployPlatform::BEDROCK_PT, kOtherArtifact));
  EXPECT_EQ(second.endpoint().uri, first.endpoint().uri);
  EXPECT_NE(second.lineage().model_arn, first.lineage().model_arn);
  EXPECT_TRUE(calls("CreateProvisionedModelThroughput").empty());
  const auto updates = calls("UpdateProvisionedModelThroughput");
  ASSERT_EQ(updates.size(), 1U);
  EXPECT_EQ(updates[0]["desiredModelId"], second.lineage().model_arn);
  EXPECT_EQ(second.status(), "Updating");
  EXPECT_EQ(second.wait({std::chrono::milliseconds(5), std::nullopt, [](const DeployWaitProgress&) {}}), "InService");
  EXPECT_EQ(describe_deployment("pt-upd").lineage.model_arn, second.lineage().model_arn);
}

TEST_F(DeployBedrockTest, ExistenceLookupFollowsEveryPage) {
  auto b = bedrock();
  const auto model = deploy::import_custom_model(b, {"paged", "s3://customer-escrow-123456789012-smtj-abc/paged/",
                                                     "arn:aws:iam::123456789012:role/NovaExec", std::nullopt, std::nullopt,
                                                     {std::chrono::milliseconds(5), std::nullopt, [](const DeployWaitProgress&) {}}});
  // Every name contains "pgx", so nameContains keeps all five; the exact match comes last.
  for (const std::string name : {"pgx-1", "pgx-2", "pgx-3", "pgx-4", "pgx"}) {
    b.create_custom_model_deployment({name, model.arn, {}, {}, {}});
  }
  standin_->clear_calls();
  EXPECT_THROW(customizer().deploy(options("pgx")), ValueError);
  EXPECT_EQ(calls("ListCustomModelDeployments").size(), 3U);  // 2 per page: the match is on page 3
  EXPECT_TRUE(calls("CreateCustomModel").empty());
}

TEST_F(DeployBedrockTest, InterruptedDeployReusesTheImportedModel) {
  const std::string artifact = "s3://customer-escrow-123456789012-smtj-abc/interrupted/";
  auto b = bedrock();
  // A run that imported the model and stopped before the deployment.
  const auto imported = deploy::import_custom_model(
      b, {"od-resume", artifact, "arn:aws:iam::123456789012:role/NovaExec", std::nullopt, std::nullopt,
          {std::chrono::milliseconds(5), std::nullopt, [](const DeployWaitProgress&) {}}});
  standin_->clear_calls();
  const DeploymentResult result = customizer().deploy(options("od-resume", DeployPlatform::BEDROCK_OD, artifact));
  EXPECT_TRUE(calls("CreateCustomModel").empty());
  EXPECT_EQ(result.lineage().model_arn, imported.arn);
  EXPECT_EQ(calls("CreateCustomModelDeployment").size(), 1U);
}

TEST_F(DeployBedrockTest, AFailedImportRaisesAwsMessage) {
  const std::string artifact = "s3://customer-escrow-123456789012-smtj-abc/broken/";
  const std::string model_name = deploy::imported_model_name("od-broken", artifact);
  standin_->control("PUT", "bedrock/fail/" + model_name, R"({"message": "The checkpoint is not a Nova model"})");
  try {
    customizer().deploy(options("od-broken", DeployPlatform::BEDROCK_OD, artifact));
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Failed"));
    EXPECT_THAT(e.what(), HasSubstr("The checkpoint is not a Nova model"));
  }
  EXPECT_TRUE(calls("CreateCustomModelDeployment").empty());
  // A re-run imports again under a new name rather than reusing the failed model.
  standin_->clear_calls();
  customizer().deploy(options("od-broken", DeployPlatform::BEDROCK_OD, artifact));
  const auto creates = calls("CreateCustomModel");
  ASSERT_EQ(creates.size(), 1U);
  EXPECT_EQ(creates[0]["modelName"], deploy::imported_model_name("od-broken", artifact, 1));
}

TEST_F(DeployBedrockTest, ThrottlingDuringTheWaitIsRetried) {
  // 4 throttles: one poll exhausts the client's 3 attempts, the wait polls again.
  standin_->control("PUT", "bedrock/throttle", R"({"operation": "GetCustomModel", "count": 4})");
  const DeploymentResult result =
      customizer().deploy(options("od-throttled", DeployPlatform::BEDROCK_OD, "s3://customer-escrow-123456789012-smtj-abc/thr/"));
  EXPECT_THAT(result.endpoint().uri, HasSubstr(":custom-model-deployment/"));
  EXPECT_EQ(json::parse(standin_->control("GET", "bedrock/state"))["throttle"]["count"], 0);  // all four were met
  EXPECT_GE(calls("GetCustomModel").size(), 5U);
}

TEST_F(DeployBedrockTest, KmsKeyOfTheRuntimeGoesOnTheImport) {
  CustomizerOptions o;
  o.output_s3_path = "s3://nova-deploy-out/output";
  auto infra = std::make_shared<SMTJRuntimeManager>("ml.p5.48xlarge", 2, "arn:aws:iam::123456789012:role/NovaExec",
                                                    "1234abcd-12ab-34cd-56ef-1234567890ab");
  NovaModelCustomizer c(Model::NOVA_MICRO, TrainingMethod::SFT_LORA, infra, o);
  c.deploy(options("od-kms", DeployPlatform::BEDROCK_OD, "s3://customer-escrow-123456789012-smtj-abc/kms/"));
  const auto creates = calls("CreateCustomModel");
  ASSERT_EQ(creates.size(), 1U);
  EXPECT_EQ(creates[0]["modelKmsKeyArn"], "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
}

TEST_F(DeployBedrockTest, ArtifactComesFromACompletedJobResult) {
  const std::string job = testing::unique_job_name("deploy-from-result");
  testing::create_job(job, "s3://nova-deploy-out/output");
  const std::string checkpoint = "s3://customer-escrow-123456789012-smtj-abc/" + job + "/checkpoint/";
  testing::put_object("nova-deploy-out", "output/" + job + "/output/output.tar.gz",
                      testing::tar_gz({{"manifest.json", json{{"checkpoint_s3_bucket", checkpoint}}.dump()}}));
  auto o = options("od-from-result");
  o.model_artifact_path.reset();
  o.job_result = std::make_shared<SMTJTrainingResult>(job, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA,
                                                      ModelArtifacts{std::nullopt, "s3://nova-deploy-out/output"});
  const DeploymentResult result = customizer().deploy(o);
  EXPECT_EQ(result.endpoint().model_artifact_path, checkpoint);
  EXPECT_EQ(result.lineage().training_job, job);
  EXPECT_EQ(calls("CreateCustomModel").at(0)["modelSourceConfig"]["s3DataSource"]["s3Uri"], checkpoint);
  EXPECT_EQ(describe_deployment("od-from-result").lineage.training_job, job);
}

TEST_F(DeployBedrockTest, ArtifactComesFromTheCustomizersLastTrainingJob) {
  testing::put_object("nova-deploy-out", "data/train.jsonl", R"({"question": "2+2?", "answer": "4"})" "\n");
  CustomizerOptions co;
  co.data_s3_path = "s3://nova-deploy-out/data/train.jsonl";
  co.output_s3_path = "s3://nova-deploy-out/output";
  co.validation_config = {{"iam", false}, {"infra", false}};
  NovaModelCustomizer c(Model::NOVA_MICRO, TrainingMethod::SFT_LORA, smtj(), co);
  TrainOptions train;
  train.job_name = testing::unique_job_name("deploy-last-job");
  const auto trained = c.train(train);
  ASSERT_NE(trained, nullptr);
  const std::string checkpoint = "s3://customer-escrow-123456789012-smtj-abc/" + trained->job_id() + "/checkpoint/";
  testing::put_object("nova-deploy-out", "output/" + trained->job_id() + "/output/output.tar.gz",
                      testing::tar_gz({{"manifest.json", json{{"checkpoint_s3_bucket", checkpoint}}.dump()}}));

  auto o = options("od-from-last-job");
  o.model_artifact_path.reset();
  const DeploymentResult result = c.deploy(o);
  EXPECT_EQ(result.endpoint().model_artifact_path, checkpoint);
  EXPECT_EQ(result.lineage().training_job, trained->job_id());
  EXPECT_EQ(calls("CreateCustomModel").at(0)["modelSourceConfig"]["s3DataSource"]["s3Uri"], checkpoint);
  EXPECT_EQ(describe_deployment("od-from-last-job").lineage.training_job, trained->job_id());
}

TEST_F(DeployBedrockTest, NoArtifactIsAClearErrorBeforeAnyImport) {
  auto o = options("od-no-artifact");
  o.model_artifact_path.reset();
  try {
    customizer().deploy(o);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Model artifact path could not be resolved"));
    EXPECT_THAT(e.what(), HasSubstr("model_artifact_path"));
  }
  EXPECT_TRUE(calls("CreateCustomModel").empty());
  EXPECT_TRUE(calls("CreateRole").empty());
}

TEST_F(DeployBedrockTest, TheWaitStopsAtItsTimeout) {
  standin_->control("PUT", "bedrock/settings", R"({"describes_to_ready": 1000})");
  auto o = options("od-slow", DeployPlatform::BEDROCK_OD, "s3://customer-escrow-123456789012-smtj-abc/slow/");
  o.wait.timeout = std::chrono::milliseconds(40);
  std::vector<std::string> seen;
  o.wait.progress = [&](const DeployWaitProgress& p) { seen.push_back(p.status); };
  try {
    customizer().deploy(o);
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_THAT(e.what(), HasSubstr("still Creating"));
    EXPECT_EQ(e.code(), "WaitTimeout");
  }
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front(), "Creating");
}

TEST_F(DeployBedrockTest, IamValidationStopsBeforeTheImport) {
  standin_->deny_actions({"bedrock:CreateCustomModel"});
  try {
    customizer().deploy(options("od-denied", DeployPlatform::BEDROCK_OD, "s3://customer-escrow-123456789012-smtj-abc/den/"));
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("bedrock:CreateCustomModel"));
    EXPECT_THAT(e.what(), HasSubstr("validation_config"));
  }
  EXPECT_TRUE(calls("CreateCustomModel").empty());
}

TEST_F(DeployBedrockTest, DeleteWaitsUntilGoneAndExplainsACommitment) {
  const DeploymentResult od = customizer().deploy(options("od-del", DeployPlatform::BEDROCK_OD, "s3://customer-escrow-123456789012-smtj-abc/del/"));
  const DeployWaitOptions quick{std::chrono::milliseconds(5), std::nullopt, [](const DeployWaitProgress&) {}};
  delete_deployment(od.endpoint(), quick);
  EXPECT_THROW(find_deployment("od-del"), ValueError);

  const DeploymentResult pt = customizer().deploy(options("pt-commit", DeployPlatform::BEDROCK_PT, "s3://customer-escrow-123456789012-smtj-abc/pt/"));
  pt.wait(quick);
  standin_->control("PUT", "bedrock/commitment/pt-commit", R"({"duration": "OneMonth"})");
  try {
    delete_deployment(pt.endpoint(), quick);
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_THAT(e.what(), HasSubstr("commitment term"));
    EXPECT_THAT(e.what(), HasSubstr("pt-commit"));
  }
}

// Bedrock answers a repeated clientRequestToken with the first request's resource, so the
// tokens must not repeat across calls: the second deploy under the same name and model would
// otherwise get the deleted deployment back.
TEST_F(DeployBedrockTest, DeployedAgainAfterADeleteUnderTheSameNameMakesANewDeployment) {
  const std::string artifact = "s3://customer-escrow-123456789012-smtj-abc/again/";
  const DeployWaitOptions quick{std::chrono::milliseconds(5), std::nullopt, [](const DeployWaitProgress&) {}};
  const DeploymentResult first = customizer().deploy(options("od-again", DeployPlatform::BEDROCK_OD, artifact));
  first.wait(quick);
  delete_deployment(first.endpoint(), quick);
  const DeploymentResult second = customizer().deploy(options("od-again", DeployPlatform::BEDROCK_OD, artifact));
  EXPECT_NE(second.endpoint().uri, first.endpoint().uri);
  second.wait(quick);
  EXPECT_EQ(find_deployment("od-again").uri, second.endpoint().uri);
  const auto deployments = calls("CreateCustomModelDeployment");
  ASSERT_EQ(deployments.size(), 2U);
  EXPECT_NE(deployments[0]["clientRequestToken"], deployments[1]["clientRequestToken"]);
}

TEST_F(DeployBedrockTest, UnknownNamesAreReportedWithWhatWasSearched) {
  try {
    find_deployment("no-such-deployment");
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no-such-deployment"));
    EXPECT_THAT(e.what(), HasSubstr("provisioned throughput"));
    EXPECT_THAT(e.what(), HasSubstr("SageMaker endpoints"));
  }
}

TEST_F(DeployBedrockTest, ListShowsEveryDeploymentAcrossPages) {
  customizer().deploy(options("od-list", DeployPlatform::BEDROCK_OD, "s3://customer-escrow-123456789012-smtj-abc/list/"));
  const auto all = list_deployments();
  bool seen = false;
  for (const auto& s : all) seen = seen || s.endpoint.endpoint_name == "od-list";
  EXPECT_TRUE(seen);
  EXPECT_GT(all.size(), 2U);  // more than one page of 2
}

}  // namespace
}  // namespace nova
