// validation_config["infra"] on HyperPod: train() runs the cluster checks before it creates
// anything (cluster in service and EKS-orchestrated, restricted instance group capacity,
// namespace, PyTorchJob CRD, RBAC), against the AWS and Kubernetes stand-ins. A failing
// check stops the launch with its name and fix; with "infra" off the same launch goes on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "aws/core/http/curl_transport.hpp"
#include "aws/s3/s3_client.hpp"
#include "aws/session/session.hpp"
#include "nova/customizer.hpp"
#include "nova/error.hpp"
#include "nova/preflight.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "support/hyperpod_suite.hpp"
#include "support/policy_replay.hpp"
#include "support/test_paths.hpp"

namespace nova::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kSmallCluster = "nova-hp-small";

class HyperPodInfraValidationTest : public HyperPodSuite {
 protected:
  static void SetUpTestSuite() {
    HyperPodSuite::SetUpTestSuite();
    // The same EKS cluster behind a HyperPod cluster with only two restricted instances.
    json small = cluster_registration();
    small["restricted_instance_groups"][0]["CurrentCount"] = 2;
    register_cluster(kSmallCluster, small);
  }

  void SetUp() override {
    k8s_->set_namespaces(R"(["default", "kubeflow"])");
    k8s_->set_crd_installed(true);
    k8s_->deny("[]");
    k8s_->control("DELETE", "calls");
  }

  std::unique_ptr<NovaModelCustomizer> customizer(const std::string& cluster, int count, bool infra = true) const {
    CustomizerOptions o;
    o.data_s3_path = "s3://nova-hp-infra/train/data.jsonl";
    o.output_s3_path = "s3://nova-hp-infra/output";
    o.generated_recipe_dir = dir_.path().string();
    // Only the infra group: the IAM checks have their own tests (preflight_test.cpp).
    o.validation_config = {{"iam", false}, {"infra", infra}};
    return std::make_unique<NovaModelCustomizer>(
        Model::NOVA_LITE_2, TrainingMethod::SFT_LORA,
        std::make_shared<SMHPRuntimeManager>(kRestrictedInstanceType, count, cluster, kNamespace), o);
  }

  // Kubernetes objects any launch created (every object we create carries the job label).
  static std::size_t labelled_objects() {
    std::size_t n = 0;
    for (const char* resource : {"configmaps", "pytorchjobs"}) {
      for (const auto& o : json::parse(k8s_->objects_json(resource))) {
        n += o["metadata"].value("labels", json::object()).contains("nova-sdk/job-name");
      }
    }
    return n;
  }

  static std::vector<std::string> kube_calls() {
    std::vector<std::string> out;
    for (const auto& c : json::parse(k8s_->calls_json())) out.push_back(c["method"].get<std::string>() + " " + c["path"].get<std::string>());
    return out;
  }

  // train() refuses the launch before any object is created (not even a ConfigMap is
  // posted); the ValueError's message.
  static std::string refused_before_any_create(NovaModelCustomizer& c, const std::string& job_name) {
    TrainOptions train;
    train.job_name = job_name;
    std::string message;
    try {
      c.train(train);
      ADD_FAILURE() << "train() launched " << job_name;
    } catch (const ValueError& e) {
      message = e.what();
    }
    EXPECT_EQ(labelled_objects(), 0u);
    for (const auto& call : kube_calls()) EXPECT_THAT(call, ::testing::Not(HasSubstr("/configmaps"))) << call;
    return message;
  }

  TempDir dir_;
};

TEST_F(HyperPodInfraValidationTest, AReadyClusterIsCheckedThenTheJobIsCreated) {
  auto c = customizer(kHyperPodCluster, kRestrictedInstanceCount);
  ASSERT_EQ(c->validation_config().at("infra"), true);
  TrainOptions train;
  train.job_name = "hp-infra-ok";
  const auto result = c->train(train);
  ASSERT_NE(result, nullptr);
  const std::string job = result->job_id();
  EXPECT_THAT(job, ::testing::StartsWith("hp-infra-ok-"));

  // The checks asked the API server for the namespace, the CRD and the RBAC reviews before
  // the first object was created.
  const auto calls = kube_calls();
  const auto first_create = std::find_if(calls.begin(), calls.end(), [](const std::string& call) {
    return call.rfind("POST ", 0) == 0 && call.find("selfsubjectaccessreviews") == std::string::npos;
  });
  ASSERT_NE(first_create, calls.end()) << ::testing::PrintToString(calls);
  EXPECT_EQ(*first_create, "POST /api/v1/namespaces/kubeflow/configmaps");
  const std::vector<std::string> checked(calls.begin(), first_create);
  EXPECT_THAT(checked, ::testing::Contains("GET /api/v1/namespaces/kubeflow"));
  EXPECT_THAT(checked, ::testing::Contains("GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/pytorchjobs.kubeflow.org"));
  EXPECT_THAT(checked, ::testing::Contains("POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews"));

  EXPECT_EQ(labelled_objects(), 2u);  // the ConfigMap and the PyTorchJob
  EXPECT_EQ(json::parse(k8s_->rejections_json()), json::array());
  std::dynamic_pointer_cast<SMHPRuntimeManager>(c->infra())->cleanup(job);
  EXPECT_EQ(labelled_objects(), 0u);
}

TEST_F(HyperPodInfraValidationTest, TooFewInstancesStopsTheLaunchWithTheFix) {
  auto c = customizer(kSmallCluster, kRestrictedInstanceCount);
  const std::string message = refused_before_any_create(*c, "hp-infra-small");
  EXPECT_THAT(message, HasSubstr("Cannot start the training job: 1 pre-flight check failed"));
  EXPECT_THAT(message, HasSubstr("- hyperpod:instances: Insufficient capacity for instance type 'ml.p5.48xlarge' in "
                                 "cluster 'nova-hp-small'. Required: 4, Maximum available: 2"));
  EXPECT_THAT(message, HasSubstr("  fix: pass --instance-count 2 or fewer, or raise the InstanceCount of restricted "
                                 "instance group 'rig-p5' to 4 (sagemaker UpdateCluster)"));

  // The same launch with "infra" off is not checked: the PyTorchJob is created (the stand-in,
  // like a real API server, does not know the cluster's capacity).
  auto unchecked = customizer(kSmallCluster, kRestrictedInstanceCount, false);
  TrainOptions train;
  train.job_name = "hp-infra-unchecked";
  const auto result = unchecked->train(train);
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(labelled_objects(), 2u);
  std::dynamic_pointer_cast<SMHPRuntimeManager>(unchecked->infra())->cleanup(result->job_id());
}

TEST_F(HyperPodInfraValidationTest, EveryMissingPieceOfTheClusterIsListedAndNothingIsCreated) {
  k8s_->set_crd_installed(false);
  k8s_->deny(R"([{"verb": "create", "resource": "pytorchjobs", "namespace": "kubeflow"}])");
  auto c = customizer(kHyperPodCluster, kRestrictedInstanceCount);
  const std::string message = refused_before_any_create(*c, "hp-infra-crd");
  EXPECT_THAT(message, HasSubstr("2 pre-flight checks failed"));
  EXPECT_THAT(message, HasSubstr("- hyperpod:pytorchjob-crd: The PyTorchJob CRD (pytorchjobs.kubeflow.org) is not installed\n"
                                 "  fix: install the HyperPod training operator"));
  EXPECT_THAT(message, HasSubstr("- hyperpod:rbac: Kubernetes RBAC does not let you create pytorchjobs.kubeflow.org in "
                                 "namespace 'kubeflow'\n  fix: bind a Role in namespace 'kubeflow'"));
}

TEST_F(HyperPodInfraValidationTest, AClusterNotInServiceIsRefused) {
  json creating = cluster_registration();
  creating["status"] = "Creating";
  register_cluster("nova-hp-creating", creating);
  auto c = customizer("nova-hp-creating", kRestrictedInstanceCount);
  const std::string message = refused_before_any_create(*c, "hp-infra-creating");
  EXPECT_THAT(message, HasSubstr("- hyperpod:cluster: HyperPod cluster 'nova-hp-creating' is Creating, not InService\n"
                                 "  fix: wait until the cluster is InService"));
}

// `nova iam policy --for hyperpod --caller` allows every AWS call of a HyperPod run with every
// check on (what doctor does, then train()), and not the same calls on another cluster.
TEST_F(HyperPodInfraValidationTest, TheHyperPodPolicyAllowsEveryCallOfTheRun) {
  aws::Session setup;
  auto s3 = setup.s3();
  s3.create_bucket("nova-hp-infra");
  aws::PutObjectRequest put;
  put.bucket = "nova-hp-infra";
  put.key = "train/data.jsonl";
  put.body = aws::body_from_string(
      R"({"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "hi"}]}, )"
      R"({"role": "assistant", "content": [{"text": "hello"}]}]})"
      "\n");
  s3.put_object(put);
  const std::string cluster_arn = setup.sagemaker().describe_cluster(kHyperPodCluster).arn;

  auto recorder = std::make_shared<RecordingTransport>(std::make_shared<aws::CurlTransport>());
  aws::SessionOptions so;
  so.transport = recorder;
  aws::Session::set_shared(std::make_shared<const aws::Session>(so));
  CustomizerOptions o;
  o.data_s3_path = "s3://nova-hp-infra/train/data.jsonl";
  o.output_s3_path = "s3://nova-hp-infra/output";
  o.generated_recipe_dir = dir_.path().string();
  NovaModelCustomizer c(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA,
                        std::make_shared<SMHPRuntimeManager>(kRestrictedInstanceType, kRestrictedInstanceCount,
                                                             kHyperPodCluster, kNamespace),
                        o);
  TrainOptions train;
  train.job_name = "hp-policy";
  std::shared_ptr<TrainingResult> result;
  try {
    result = c.train(train);
  } catch (...) {
    aws::Session::set_shared(nullptr);
    throw;
  }
  const auto requests = recorder->requests();
  aws::Session::set_shared(nullptr);
  ASSERT_NE(result, nullptr);

  PreflightRequest r;
  r.platform = Platform::SMHP;
  r.model = Model::NOVA_LITE_2;
  r.method = TrainingMethod::SFT_LORA;
  r.instance_type = kRestrictedInstanceType;
  r.instance_count = kRestrictedInstanceCount;
  r.data_s3_path = o.data_s3_path;
  r.output_s3_path = o.output_s3_path;
  r.cluster_name = kHyperPodCluster;
  r.namespace_name = kNamespace;
  r.job_name = "hp-policy";
  const json caller = json::parse(iam_policy_document(r, PolicyPurpose::HYPERPOD, PolicyKind::CALLER));
  std::size_t checked = 0;
  for (const auto& request : requests) {
    // The Kubernetes API is authorised by RBAC (the rbac check), not IAM.
    if (request.url().rfind(k8s_->endpoint(), 0) == 0) continue;
    const auto call = call_of(request, {{kHyperPodCluster, cluster_arn}});
    if (!call) continue;
    ++checked;
    EXPECT_TRUE(allows(caller, call->action, call->resource))
        << call->action << " on " << call->resource << " is made by the run but not allowed by\n" << caller.dump(2);
  }
  EXPECT_GT(checked, 10u);
  EXPECT_TRUE(allows(caller, "sagemaker:ListClusterNodes", cluster_arn));
  EXPECT_FALSE(allows(caller, "sagemaker:ListClusterNodes", cluster_arn + "x"));
  EXPECT_FALSE(allows(caller, "eks:DescribeCluster", "arn:aws:eks:us-east-1:123456789012:cluster/other"));
  EXPECT_FALSE(allows(caller, "s3:GetObject", "arn:aws:s3:::nova-hp-infra/other/data.jsonl"));
  std::dynamic_pointer_cast<SMHPRuntimeManager>(c.infra())->cleanup(result->job_id());
}

}  // namespace
}  // namespace nova::testing
