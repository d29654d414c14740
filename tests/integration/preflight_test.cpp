// Pre-flight checks (nova::run_preflight) against the stand-in: every check's pass and fail,
// quota pagination, the cache, the one error train() raises, and the generated policies
// evaluated against every call a real run makes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "aws/core/http/curl_transport.hpp"
#include "aws/iam/iam_client.hpp"
#include "aws/kms/kms_client.hpp"
#include "aws/s3/s3_client.hpp"
#include "aws/sagemaker/endpoint_client.hpp"
#include "aws/session/session.hpp"
#include "nova/customizer.hpp"
#include "nova/deploy.hpp"
#include "nova/error.hpp"
#include "nova/preflight.hpp"
#include "nova/runtime.hpp"
#include "support/policy_replay.hpp"
#include "support/standin_suite.hpp"

namespace nova {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::allows;
using testing::Call;
using testing::call_of;
using testing::RecordingTransport;

constexpr const char* kAccount = "123456789012";
constexpr const char* kData = "s3://nova-preflight-data/train/data.jsonl";
constexpr const char* kOutput = "s3://nova-preflight-out/output";
constexpr const char* kType = "ml.p5.48xlarge";

std::string role_arn(const std::string& name) { return std::string("arn:aws:iam::") + kAccount + ":role/" + name; }

class PreflightTest : public testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    aws::Session session;
    auto s3 = session.s3();
    s3.create_bucket("nova-preflight-data");
    s3.create_bucket("nova-preflight-out");
    s3.create_bucket("nova-preflight-london", "eu-west-2");
    put(s3, "nova-preflight-data", "train/data.jsonl",
        R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "hi"}]}, )"
        R"({"role": "assistant", "content": [{"text": "hello"}]}]})"
        "\n");
    put(s3, "nova-preflight-data", "train/bad.jsonl", "{\"messages\": 3}\n");
    auto iam = session.iam();
    make_role(iam, "PreflightExec", "sagemaker.amazonaws.com", R"(["s3:GetObject","s3:PutObject","s3:ListBucket"])");
    make_role(iam, "PreflightLambda", "lambda.amazonaws.com", R"(["s3:*"])");
    make_role(iam, "PreflightNoS3", "sagemaker.amazonaws.com", R"(["logs:*"])");
  }

  static void put(aws::S3Client& s3, const std::string& bucket, const std::string& key, const std::string& body) {
    aws::PutObjectRequest p;
    p.bucket = bucket;
    p.key = key;
    p.body = aws::body_from_string(body);
    s3.put_object(p);
  }

  static void make_role(aws::IamClient& iam, const std::string& name, const std::string& service, const std::string& actions) {
    iam.create_role(name, json{{"Version", "2012-10-17"},
                               {"Statement", json::array({{{"Effect", "Allow"},
                                                           {"Principal", {{"Service", service}}},
                                                           {"Action", "sts:AssumeRole"}}})}}
                              .dump());
    iam.put_role_policy(name, name + "Inline",
                        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":)" + actions +
                            R"(,"Resource":"*"}]})");
  }

  void SetUp() override {
    standin_->clear_calls();
    standin_->deny_actions({});
    // Six quotas in pages of two: the one asked about is on the last page.
    set_quota(4);
  }

  static void set_quota(double value) {
    json quotas = json::array();
    for (const char* t : {"ml.g5.12xlarge", "ml.g5.48xlarge", "ml.p4d.24xlarge", "ml.p4de.24xlarge", "ml.p5en.48xlarge"}) {
      quotas.push_back({{"QuotaName", std::string(t) + " for training job usage"}, {"Value", 4}});
    }
    quotas.push_back({{"QuotaName", std::string(kType) + " for training job usage"}, {"Value", value},
                      {"QuotaCode", "L-P5TRAIN"}});
    quotas.push_back({{"QuotaName", std::string(kType) + " for endpoint usage"}, {"Value", 1}, {"QuotaCode", "L-P5ENDPT"}});
    standin_->control("PUT", "service-quotas/sagemaker", quotas.dump());
  }

  // Every request of the process's AWS calls recorded from now on (the shared session's transport).
  static std::shared_ptr<RecordingTransport> recording_session() {
    auto recorder = std::make_shared<RecordingTransport>(std::make_shared<aws::CurlTransport>());
    aws::SessionOptions so;
    so.transport = recorder;
    aws::Session::set_shared(std::make_shared<const aws::Session>(so));
    return recorder;
  }

  // Every recorded call checked against `policy` (one failure per call it does not allow);
  // returns how many were checked, only those whose action starts with `counted` if given.
  static std::size_t expect_allowed(const json& policy, const std::vector<aws::HttpRequest>& requests,
                                    const std::string& counted = "") {
    std::size_t checked = 0;
    for (const auto& request : requests) {
      const auto call = call_of(request);
      if (!call) continue;
      if (call->action.rfind(counted, 0) == 0) ++checked;
      EXPECT_TRUE(allows(policy, call->action, call->resource))
          << call->action << " on " << call->resource << " is made by the run but not allowed by\n" << policy.dump(2);
    }
    return checked;
  }

  static PreflightRequest ready_run() {
    PreflightRequest r;
    r.model = Model::NOVA_LITE_2;
    r.method = TrainingMethod::SFT_LORA;
    r.instance_type = kType;
    r.instance_count = 4;
    r.data_s3_path = kData;
    r.output_s3_path = kOutput;
    r.execution_role_arn = role_arn("PreflightExec");
    r.job_name = "preflight-sft";
    return r;
  }

  static const PreflightCheck* find(const PreflightReport& report, const std::string& name) {
    for (const auto& c : report.checks) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }

  static void expect_status(const PreflightReport& report, const std::string& name, CheckStatus status) {
    const PreflightCheck* c = find(report, name);
    ASSERT_NE(c, nullptr) << "no check " << name << " in " << report.to_json();
    EXPECT_EQ(c->status, status) << name << ": " << c->detail << " / " << c->fix;
  }

  int calls_of(const std::string& operation) const {
    int n = 0;
    for (const auto& c : json::parse(standin_->calls_json())) n += c.value("operation", "") == operation;
    return n;
  }
};

TEST_F(PreflightTest, AReadyRunPassesEveryCheck) {
  const PreflightReport report = run_preflight(ready_run(), false);
  EXPECT_TRUE(report.ok) << report.to_json();
  for (const char* name : {"credentials", "region", "recipe", "instance", "quota", "permissions", "execution-role",
                           "execution-role-permissions", "bucket:data", "bucket:output", "data"}) {
    expect_status(report, name, CheckStatus::PASS);
  }
  EXPECT_THAT(find(report, "quota")->detail, HasSubstr("quota 'ml.p5.48xlarge for training job usage' (L-P5TRAIN) is 4, 0 in use, 4 requested"));
  // Seven quotas in pages of two: every page was read to find it.
  EXPECT_EQ(calls_of("ListServiceQuotas"), 4);
  const auto doc = nlohmann::ordered_json::parse(report.to_json());
  EXPECT_EQ(doc.begin().key(), "ok");
  EXPECT_EQ(doc["ok"], true);
  for (const auto& c : doc["checks"]) {
    std::vector<std::string> keys;
    for (const auto& item : c.items()) keys.push_back(item.key());
    EXPECT_EQ(keys, std::vector<std::string>({"name", "status", "detail", "fix"}));
  }
}

TEST_F(PreflightTest, AQuotaTooSmallNamesItsValueUseAndHowToAskForMore) {
  set_quota(3);
  const PreflightReport report = run_preflight(ready_run(), false);
  EXPECT_FALSE(report.ok);
  expect_status(report, "quota", CheckStatus::FAIL);
  const PreflightCheck* q = find(report, "quota");
  EXPECT_THAT(q->detail, HasSubstr("'ml.p5.48xlarge for training job usage' (L-P5TRAIN) is 3, 0 in use, 4 requested: 1 short"));
  EXPECT_THAT(q->fix, HasSubstr("request-service-quota-increase --service-code sagemaker --quota-code L-P5TRAIN --desired-value 4"));
}

TEST_F(PreflightTest, AnUnknownQuotaIsAWarning) {
  PreflightRequest r = ready_run();
  r.instance_type = "ml.g5.2xlarge";
  r.model.reset();
  r.method.reset();
  const PreflightReport report = run_preflight(r, false);
  expect_status(report, "quota", CheckStatus::WARN);
  EXPECT_THAT(find(report, "quota")->detail, HasSubstr("no quota named 'ml.g5.2xlarge for training job usage'"));
}

TEST_F(PreflightTest, EndpointsInUseCountAgainstTheEndpointQuota) {
  aws::Session session;
  auto sm = session.sagemaker();
  PreflightRequest r;
  r.deploy_platform = DeployPlatform::SAGEMAKER;
  r.instance_type = kType;
  r.instance_count = 1;
  r.endpoint_name = "preflight-ep";
  expect_status(run_preflight(r, false), "quota", CheckStatus::PASS);
  aws::CreateModelRequest model;
  model.model_name = "preflight-held";
  model.execution_role_arn = role_arn("PreflightExec");
  model.image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/nova-inference-repo:latest";
  model.model_data_s3_prefix = "s3://nova-preflight-out/model/";
  aws::create_model(sm, model);
  aws::CreateEndpointConfigRequest config;
  config.endpoint_config_name = "preflight-held";
  config.variants.push_back({"AllTraffic", "preflight-held", kType, 1});
  aws::create_endpoint_config(sm, config);
  aws::create_endpoint(sm, "preflight-held", "preflight-held", {});
  const PreflightReport report = run_preflight(r, false);
  expect_status(report, "quota", CheckStatus::FAIL);
  EXPECT_THAT(find(report, "quota")->detail, HasSubstr("is 1, 1 in use, 1 requested"));
  EXPECT_THAT(find(report, "quota")->fix, HasSubstr("wait for running work of this type to end"));
  aws::delete_endpoint(sm, "preflight-held");
}

TEST_F(PreflightTest, AMissingPermissionFailsWithTheStatementThatGrantsIt) {
  standin_->deny_actions({"s3:GetObject"});
  const PreflightReport report = run_preflight(ready_run(), false);
  EXPECT_FALSE(report.ok);
  expect_status(report, "permission:ReadTheData", CheckStatus::FAIL);
  const PreflightCheck* c = find(report, "permission:ReadTheData");
  EXPECT_THAT(c->detail, HasSubstr("may not call s3:GetObject on arn:aws:s3:::nova-preflight-data/train/data.jsonl*"));
  EXPECT_THAT(c->fix, HasSubstr(R"({"Sid":"ReadTheData","Effect":"Allow","Action":["s3:GetObject"],)"
                                R"("Resource":["arn:aws:s3:::nova-preflight-data/train/data.jsonl*"]})"));
  EXPECT_THAT(c->fix, HasSubstr("nova iam policy --for train"));
}

TEST_F(PreflightTest, APermissionOnlyTheChecksNeedIsAWarning) {
  standin_->deny_actions({"servicequotas:ListServiceQuotas"});
  const PreflightReport report = run_preflight(ready_run(), false);
  EXPECT_TRUE(report.ok) << report.to_json();
  expect_status(report, "permission:PreflightQuotaAndCurrentUseWildcardListActionsHaveNoResourceLevelPermissions",
                CheckStatus::WARN);
}

TEST_F(PreflightTest, TheExecutionRoleMustExistTrustSageMakerAndReachTheData) {
  PreflightRequest r = ready_run();
  r.execution_role_arn = role_arn("PreflightNobody");
  expect_status(run_preflight(r, false), "execution-role", CheckStatus::FAIL);

  r.execution_role_arn = role_arn("PreflightLambda");
  const PreflightReport untrusting = run_preflight(r, false);
  expect_status(untrusting, "execution-role", CheckStatus::FAIL);
  EXPECT_THAT(find(untrusting, "execution-role")->fix, HasSubstr(R"("Principal":{"Service":"sagemaker.amazonaws.com"})"));

  r.execution_role_arn = role_arn("PreflightNoS3");
  const PreflightReport no_s3 = run_preflight(r, false);
  expect_status(no_s3, "execution-role", CheckStatus::PASS);
  expect_status(no_s3, "execution-role-permission:ReadTheData", CheckStatus::FAIL);
  expect_status(no_s3, "execution-role-permission:WriteTheOutput", CheckStatus::FAIL);
  EXPECT_THAT(find(no_s3, "execution-role-permission:WriteTheOutput")->detail,
              HasSubstr("s3:PutObject on arn:aws:s3:::nova-preflight-out/output*"));
}

TEST_F(PreflightTest, BucketsMustExistInTheRunsRegion) {
  PreflightRequest r = ready_run();
  r.data_s3_path = "s3://nova-preflight-london/train.jsonl";
  r.output_s3_path = "s3://nova-preflight-not-yet/output";
  const PreflightReport report = run_preflight(r, false);
  expect_status(report, "bucket:data", CheckStatus::FAIL);
  EXPECT_THAT(find(report, "bucket:data")->detail, HasSubstr("is in eu-west-2, the run in us-east-1"));
  expect_status(report, "bucket:output", CheckStatus::WARN);  // created when the run starts

  r.data_s3_path = "s3://nova-preflight-missing/train.jsonl";
  expect_status(run_preflight(r, false), "bucket:data", CheckStatus::FAIL);
}

TEST_F(PreflightTest, TheKmsKeyMustBeEnabled) {
  aws::KmsClient kms(aws::Session().client_config("kms"));
  const auto key = kms.create_key("preflight");
  PreflightRequest r = ready_run();
  r.kms_key_id = key.key_id;
  expect_status(run_preflight(r, false), "kms-key", CheckStatus::PASS);
  kms.disable_key(key.key_id);
  const PreflightReport disabled = run_preflight(r, false);
  expect_status(disabled, "kms-key", CheckStatus::FAIL);
  EXPECT_THAT(find(disabled, "kms-key")->detail, HasSubstr("Disabled"));
  r.kms_key_id = "alias/preflight-missing";
  expect_status(run_preflight(r, false), "kms-key", CheckStatus::FAIL);
}

TEST_F(PreflightTest, TheDataMustBeValidForTheMethod) {
  PreflightRequest r = ready_run();
  r.data_s3_path = "s3://nova-preflight-data/train/bad.jsonl";
  const PreflightReport report = run_preflight(r, false);
  expect_status(report, "data", CheckStatus::FAIL);
  EXPECT_THAT(find(report, "data")->detail, HasSubstr("1 of 1 records"));
  EXPECT_THAT(find(report, "data")->fix, HasSubstr("nova data validate s3://nova-preflight-data/train/bad.jsonl"));
}

TEST_F(PreflightTest, RecipeRegionAndInstanceMustBeOffered) {
  PreflightRequest r = ready_run();
  r.instance_type = "ml.g5.12xlarge";
  expect_status(run_preflight(r, false), "instance", CheckStatus::FAIL);
  r = ready_run();
  r.aws.region = "ap-south-1";
  const PreflightReport elsewhere = run_preflight(r, false);
  expect_status(elsewhere, "region", CheckStatus::FAIL);
  EXPECT_THAT(find(elsewhere, "region")->fix, HasSubstr("us-east-1"));
}

TEST_F(PreflightTest, NoCredentialsFailsTheCredentialsCheckAndNothingElseIsAsked) {
  testing::ScopedEnvironment env;
  env.set("AWS_MAX_ATTEMPTS", "1");
  PreflightRequest r = ready_run();
  r.aws.endpoint_url = "http://127.0.0.1:1";
  const PreflightReport report = run_preflight(r, false);
  EXPECT_FALSE(report.ok);
  expect_status(report, "credentials", CheckStatus::FAIL);
  EXPECT_EQ(find(report, "permissions"), nullptr);
  EXPECT_EQ(find(report, "quota"), nullptr);
}

TEST_F(PreflightTest, AMissingHyperPodClusterFails) {
  PreflightRequest r = ready_run();
  r.platform = Platform::SMHP;
  r.cluster_name = "preflight-nowhere";
  r.execution_role_arn.reset();
  const PreflightReport report = run_preflight(r, false);
  expect_status(report, "hyperpod:cluster", CheckStatus::FAIL);
}

TEST_F(PreflightTest, APassingReportIsReusedForAMinuteAndKeptPrivate) {
  testing::ScopedEnvironment env;
  env.set("NOVA_PREFLIGHT_CACHE_SECONDS", "60");
  PreflightRequest r = ready_run();
  r.job_name = "preflight-cached";
  const PreflightReport first = run_preflight(r);
  ASSERT_TRUE(first.ok) << first.to_json();
  EXPECT_FALSE(first.cached);
  standin_->clear_calls();
  const PreflightReport second = run_preflight(r);
  EXPECT_TRUE(second.cached);
  EXPECT_EQ(standin_->calls_json(), "[]");
  bool found = false;
  for (const auto& entry : std::filesystem::directory_iterator(*cache_dir_ / "preflight")) {
    struct stat st {};
    ASSERT_EQ(::stat(entry.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << entry.path();
    found = true;
  }
  EXPECT_TRUE(found);
  // A failing report is never kept: the fix shows at once.
  standin_->deny_actions({"s3:GetObject"});
  r.job_name = "preflight-cached-fail";
  EXPECT_FALSE(run_preflight(r).ok);
  standin_->deny_actions({});
  EXPECT_TRUE(run_preflight(r).ok);
}

TEST_F(PreflightTest, TrainRaisesOneErrorListingEveryFailureWithItsFix) {
  standin_->deny_actions({"iam:PassRole"});
  CustomizerOptions o;
  o.data_s3_path = kData;
  o.output_s3_path = kOutput;
  o.generated_recipe_dir = (std::filesystem::temp_directory_path() / "nova-preflight-recipes").string();
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA,
                                 std::make_shared<SMTJRuntimeManager>(kType, 4, role_arn("PreflightNoS3")), o);
  TrainOptions train;
  train.job_name = "preflight-train";
  try {
    customizer.train(train);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    const std::string m = e.what();
    EXPECT_THAT(m, HasSubstr("Cannot start the training job:"));
    EXPECT_THAT(m, HasSubstr("- permission:PassTheExecutionRoleToSageMaker: "));
    EXPECT_THAT(m, HasSubstr("iam:PassRole on arn:aws:iam::123456789012:role/PreflightNoS3"));
    EXPECT_THAT(m, HasSubstr(R"("Condition":{"StringEquals":{"iam:PassedToService":"sagemaker.amazonaws.com"}})"));
    EXPECT_THAT(m, HasSubstr("- execution-role-permission:ReadTheData: "));
    EXPECT_THAT(m, HasSubstr("  fix: add this statement to a policy of"));
  }
  EXPECT_EQ(calls_of("CreateTrainingJob"), 0);
}

TEST_F(PreflightTest, EvaluateRaisesTheSameOneErrorBeforeAnyJob) {
  standin_->deny_actions({"iam:PassRole"});
  CustomizerOptions o;
  o.output_s3_path = kOutput;
  o.generated_recipe_dir = (std::filesystem::temp_directory_path() / "nova-preflight-eval-recipes").string();
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::EVALUATION,
                                 std::make_shared<SMTJRuntimeManager>(kType, 1, role_arn("PreflightExec")), o);
  EvaluateOptions evaluate;
  evaluate.job_name = "preflight-eval";
  evaluate.eval_task = EvaluationTask::MMLU;
  try {
    customizer.evaluate(evaluate);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    const std::string m = e.what();
    EXPECT_THAT(m, HasSubstr("Cannot start the evaluation job: 1 pre-flight check failed"));
    EXPECT_THAT(m, HasSubstr("- permission:PassTheExecutionRoleToSageMaker: "));
    EXPECT_THAT(m, HasSubstr("iam:PassRole on arn:aws:iam::123456789012:role/PreflightExec"));
    EXPECT_THAT(m, HasSubstr("  fix: "));
  }
  EXPECT_EQ(calls_of("CreateTrainingJob"), 0);
}

// --- the generated policies, evaluated against what a real run does -----------------------

// `nova iam policy --for deploy`: every call of doctor and deploy() (Bedrock on demand, the
// execution role created and its policies attached) allowed by the caller policy.
TEST_F(PreflightTest, TheDeployPolicyAllowsEveryCallOfABedrockDeployment) {
  standin_->control("PUT", "bedrock/settings", R"({"describes_to_ready": 1})");
  const auto recorder = recording_session();
  PreflightRequest r;
  r.model = Model::NOVA_LITE_2;
  r.deploy_platform = DeployPlatform::BEDROCK_OD;
  r.endpoint_name = "policy-od";
  r.output_s3_path = kOutput;
  (void)run_preflight(r, false);
  CustomizerOptions o;
  o.output_s3_path = kOutput;
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA,
                                 std::make_shared<SMTJRuntimeManager>(kType, 4, role_arn("PreflightExec")), o);
  DeployOptions d;
  d.model_artifact_path = "s3://customer-escrow-123456789012-smtj-abc/policy-run/checkpoint/";
  d.deploy_platform = DeployPlatform::BEDROCK_OD;
  d.endpoint_name = "policy-od";
  d.wait.poll_interval = std::chrono::milliseconds(5);
  d.wait.progress = [](const DeployWaitProgress&) {};
  const DeploymentResult deployed = customizer.deploy(d);
  const auto requests = recorder->requests();
  aws::Session::set_shared(nullptr);

  const json caller = json::parse(iam_policy_document(r, PolicyPurpose::DEPLOY, PolicyKind::CALLER));
  EXPECT_GE(expect_allowed(caller, requests, "bedrock:"), 4u);  // at least the lookup, the import, its wait and the deployment
  EXPECT_FALSE(allows(caller, "sagemaker:CreateTrainingJob", "arn:aws:sagemaker:us-east-1:123456789012:training-job/x"));
  EXPECT_FALSE(allows(caller, "iam:CreateRole", role_arn("Admin")));
  delete_deployment(deployed.endpoint(), {std::chrono::milliseconds(5), std::nullopt, [](const DeployWaitProgress&) {}});
}


// `nova iam policy --for evaluate`: every call of doctor and evaluate() (MMLU on SMTJ) allowed.
TEST_F(PreflightTest, TheEvaluatePolicyAllowsEveryCallOfTheEvaluation) {
  const auto recorder = recording_session();
  PreflightRequest r = ready_run();
  r.method = TrainingMethod::EVALUATION;
  r.instance_count = 1;
  r.data_s3_path.reset();
  r.job_name = "policy-eval";
  (void)run_preflight(r, false);
  CustomizerOptions o;
  o.output_s3_path = kOutput;
  o.generated_recipe_dir = (std::filesystem::temp_directory_path() / "nova-preflight-eval-policy").string();
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::EVALUATION,
                                 std::make_shared<SMTJRuntimeManager>(kType, 1, role_arn("PreflightExec")), o);
  EvaluateOptions evaluate;
  evaluate.job_name = "policy-eval";
  evaluate.eval_task = EvaluationTask::MMLU;
  ASSERT_NE(customizer.evaluate(evaluate), nullptr);
  const auto requests = recorder->requests();
  aws::Session::set_shared(nullptr);

  const json caller = json::parse(iam_policy_document(r, PolicyPurpose::EVALUATE, PolicyKind::CALLER));
  EXPECT_GT(expect_allowed(caller, requests), 5u);
  EXPECT_FALSE(allows(caller, "sagemaker:CreateTrainingJob", "arn:aws:sagemaker:us-east-1:123456789012:training-job/other"));
  EXPECT_FALSE(allows(caller, "iam:PassRole", role_arn("Admin")));
}


TEST_F(PreflightTest, TheGeneratedPoliciesAllowEveryCallOfTheRunAndNothingElse) {
  const auto recorder = recording_session();
  PreflightRequest r = ready_run();
  r.job_name = "policy-run";
  // What doctor does, then what train() does, all through the recording transport.
  ASSERT_TRUE(run_preflight(r, false).ok);
  CustomizerOptions o;
  o.data_s3_path = kData;
  o.output_s3_path = kOutput;
  o.generated_recipe_dir = (std::filesystem::temp_directory_path() / "nova-preflight-policy").string();
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA,
                                 std::make_shared<SMTJRuntimeManager>(kType, 4, role_arn("PreflightExec")), o);
  TrainOptions train;
  train.job_name = "policy-run";
  ASSERT_NE(customizer.train(train), nullptr);
  const auto requests = recorder->requests();
  aws::Session::set_shared(nullptr);

  const json caller = json::parse(iam_policy_document(r, PolicyPurpose::TRAIN, PolicyKind::CALLER));
  EXPECT_GT(expect_allowed(caller, requests), 15u);

  // Nothing outside the run: other buckets, other jobs, other roles.
  const std::vector<Call> outside{{"s3:GetObject", "arn:aws:s3:::someone-else/train/data.jsonl"},
                                  {"s3:GetObject", "arn:aws:s3:::nova-preflight-data/other/data.jsonl"},
                                  {"s3:PutObject", "arn:aws:s3:::nova-preflight-data/train/data.jsonl"},
                                  {"s3:PutObject", "arn:aws:s3:::nova-preflight-out/elsewhere/x"},
                                  {"s3:DeleteObject", "arn:aws:s3:::nova-preflight-out/output/x"},
                                  {"sagemaker:CreateTrainingJob", "arn:aws:sagemaker:us-east-1:123456789012:training-job/other"},
                                  {"sagemaker:CreateTrainingJob", "arn:aws:sagemaker:us-west-2:123456789012:training-job/policy-run-1"},
                                  {"iam:PassRole", role_arn("Admin")},
                                  {"iam:CreateRole", role_arn("PreflightExec")},
                                  {"sagemaker:DeleteEndpoint", "arn:aws:sagemaker:us-east-1:123456789012:endpoint/x"}};
  for (const auto& c : outside) EXPECT_FALSE(allows(caller, c.action, c.resource)) << c.action << " on " << c.resource;
  // PassRole only to SageMaker; every '*' explained in its Sid.
  for (const auto& s : caller.at("Statement")) {
    if (s.at("Action") == json::array({"iam:PassRole"})) {
      EXPECT_EQ(s.at("Condition"), json::parse(R"({"StringEquals":{"iam:PassedToService":"sagemaker.amazonaws.com"}})"));
    }
    for (const auto& res : s.at("Resource")) {
      if (res.get<std::string>().find('*') != std::string::npos && res.get<std::string>().find("policy-run*") == std::string::npos &&
          res.get<std::string>().find("data.jsonl*") == std::string::npos && res.get<std::string>().find("output*") == std::string::npos) {
        EXPECT_THAT(s.at("Sid").get<std::string>(), HasSubstr("Wildcard")) << res;
      }
    }
  }

  // The role: data read, output write, the recipe; the trust policy: SageMaker of this account.
  const json role = json::parse(iam_policy_document(r, PolicyPurpose::TRAIN, PolicyKind::ROLE));
  EXPECT_TRUE(allows(role, "s3:GetObject", "arn:aws:s3:::nova-preflight-data/train/data.jsonl"));
  EXPECT_TRUE(allows(role, "s3:PutObject", "arn:aws:s3:::nova-preflight-out/output/policy-run-x/model.tar.gz"));
  EXPECT_FALSE(allows(role, "s3:PutObject", "arn:aws:s3:::nova-preflight-data/train/data.jsonl"));
  EXPECT_FALSE(allows(role, "kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/any"));  // no key, no KMS
  const json trust = json::parse(iam_policy_document(r, PolicyPurpose::TRAIN, PolicyKind::TRUST));
  EXPECT_EQ(trust["Statement"][0]["Principal"]["Service"], "sagemaker.amazonaws.com");
  EXPECT_EQ(trust["Statement"][0]["Condition"]["StringEquals"]["aws:SourceAccount"], kAccount);
}

TEST_F(PreflightTest, DeployAndHyperPodPoliciesNameTheirResources) {
  PreflightRequest r;
  r.deploy_platform = DeployPlatform::SAGEMAKER;
  r.endpoint_name = "my-endpoint";
  const json caller = json::parse(iam_policy_document(r, PolicyPurpose::DEPLOY, PolicyKind::CALLER));
  EXPECT_TRUE(allows(caller, "sagemaker:CreateEndpoint", "arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint"));
  EXPECT_FALSE(allows(caller, "sagemaker:CreateEndpoint", "arn:aws:sagemaker:us-east-1:123456789012:endpoint/other"));
  EXPECT_TRUE(allows(caller, "iam:PassRole", role_arn("SageMakerDeployModelExecutionRole")));
  EXPECT_EQ(json::parse(iam_policy_document(r, PolicyPurpose::DEPLOY, PolicyKind::TRUST))["Statement"][0]["Principal"]["Service"],
            "sagemaker.amazonaws.com");
  r.deploy_platform = DeployPlatform::BEDROCK_OD;
  EXPECT_EQ(json::parse(iam_policy_document(r, PolicyPurpose::DEPLOY, PolicyKind::TRUST))["Statement"][0]["Principal"]["Service"],
            "bedrock.amazonaws.com");
  r.deploy_platform.reset();
  EXPECT_THROW(iam_policy_document(r, PolicyPurpose::DEPLOY, PolicyKind::CALLER), ValueError);
  EXPECT_THROW(iam_policy_document(r, PolicyPurpose::HYPERPOD, PolicyKind::CALLER), ValueError);
}

// A HyperPod cluster's ARN ends in its id, which only DescribeCluster tells: a cluster that
// cannot be read leaves the cluster's ARNs open, and each such Sid says why and how to narrow it.
TEST_F(PreflightTest, HyperPodPoliciesNameTheClusterOrSayWhyTheyCannot) {
  PreflightRequest r = ready_run();
  r.platform = Platform::SMHP;
  r.execution_role_arn.reset();
  r.cluster_name = "preflight-unreadable";
  const std::string reason = "PassClusterNameOfAClusterYouCanDescribeToScopeIt";
  const std::string sm = std::string("arn:aws:sagemaker:us-east-1:") + kAccount + ":cluster/";
  const std::string eks = std::string("arn:aws:eks:us-east-1:") + kAccount + ":cluster/";
  const std::string logs = std::string("arn:aws:logs:us-east-1:") + kAccount + ":log-group:/aws/sagemaker/Clusters/";
  auto by_sid_prefix = [](const json& policy, const std::string& prefix) {
    for (const auto& s : policy.at("Statement")) {
      if (s.at("Sid").get<std::string>().rfind(prefix, 0) == 0) return s;
    }
    ADD_FAILURE() << "no statement " << prefix << " in " << policy.dump(2);
    return json::object();
  };

  const json open = json::parse(iam_policy_document(r, PolicyPurpose::HYPERPOD, PolicyKind::CALLER));
  const json cluster = by_sid_prefix(open, "ReadTheHyperPodCluster");
  EXPECT_EQ(cluster["Sid"], "ReadTheHyperPodClusterWildcardClusterIdUnknown" + reason);
  EXPECT_EQ(cluster["Resource"], json::array({sm + "*"}));
  const json connect = by_sid_prefix(open, "ConnectToTheEksCluster");
  EXPECT_EQ(connect["Sid"], "ConnectToTheEksClusterWildcardEksClusterUnknown" + reason);
  EXPECT_EQ(connect["Resource"], json::array({eks + "*"}));
  const json log_read = by_sid_prefix(open, "ReadTheClusterJobLogs");
  EXPECT_EQ(log_read["Sid"], "ReadTheClusterJobLogsWildcardLogStreamsAreNamedByTheClusterNodesWildcardClusterIdUnknown" + reason);
  EXPECT_EQ(log_read["Resource"], json::array({logs + "preflight-unreadable/*:*"}));
  // The same run on SMHP through --for train: the same statements (no cluster, no skipping them).
  const json train = json::parse(iam_policy_document(r, PolicyPurpose::TRAIN, PolicyKind::CALLER));
  EXPECT_EQ(by_sid_prefix(train, "ReadTheHyperPodCluster"), cluster);

  // A cluster DescribeCluster can read: its exact ARNs, nothing left open.
  const json registered = json::parse(standin_->control(
      "PUT", "hyperpod-clusters/preflight-readable",
      R"({"eks_cluster_name": "preflight-eks", "endpoint": "https://127.0.0.1:1", "ca_pem": "unused"})"));
  const std::string arn = registered.at("arn");
  r.cluster_name = "preflight-readable";
  const json exact = json::parse(iam_policy_document(r, PolicyPurpose::HYPERPOD, PolicyKind::CALLER));
  EXPECT_EQ(by_sid_prefix(exact, "ReadTheHyperPodCluster")["Sid"], "ReadTheHyperPodCluster");
  EXPECT_EQ(by_sid_prefix(exact, "ReadTheHyperPodCluster")["Resource"], json::array({arn}));
  EXPECT_EQ(by_sid_prefix(exact, "ConnectToTheEksCluster")["Resource"], json::array({eks + "preflight-eks"}));
  EXPECT_EQ(by_sid_prefix(exact, "ReadTheClusterJobLogs")["Resource"],
            json::array({logs + "preflight-readable/" + arn.substr(arn.rfind('/') + 1) + ":*"}));
  for (const char* sid : {"ReadTheHyperPodCluster", "ConnectToTheEksCluster", "ReadTheClusterJobLogs"}) {
    EXPECT_THAT(by_sid_prefix(exact, sid)["Sid"].get<std::string>(), ::testing::Not(HasSubstr("Unknown")));
  }
  standin_->control("DELETE", "hyperpod-clusters/preflight-readable");
}

}  // namespace
}  // namespace nova
