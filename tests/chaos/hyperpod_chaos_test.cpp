// The chaos suite's HyperPod cases: a launch is SageMaker DescribeCluster, EKS DescribeCluster
// (through the fault-injecting decorator around the real AWS transport, to the AWS stand-in)
// and the POSTs of the job's objects (through a decorator around the real transport to the
// Kubernetes stand-in). Each case asserts what the Kubernetes stand-in holds afterwards.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <memory>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/eks/cluster_connection.hpp"
#include "aws/kubernetes/kube_client.hpp"
#include "aws/session/session.hpp"
#include "nova/interrupt.hpp"
#include "runtime/hyperpod_apply.hpp"
#include "runtime/hyperpod_objects.hpp"
#include "support/hyperpod_suite.hpp"
#include "support/interrupt_reset.hpp"

namespace nova::testing {
namespace {

using aws::Fault;
using aws::FaultInjectingTransport;
using aws::HttpRequest;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr const char* kNote = "HyperPod job noted";

class ChaosHyperPod : public HyperPodSuite {
 protected:
  void SetUp() override {
    k8s_->set_namespaces(R"(["default", "kubeflow"])");
    k8s_->set_crd_installed(true);
    k8s_->deny("[]");
    aws_faults_ = std::make_shared<FaultInjectingTransport>(std::make_shared<aws::CurlTransport>());
    aws::SessionOptions options;
    options.transport = aws_faults_;
    options.jitter = [] { return 0.0; };
    session_ = std::make_shared<const aws::Session>(options);
  }

  // Connects as a launch does (both DescribeClusters through aws_faults_), then puts
  // kube_faults_ in front of the Kubernetes API.
  void connect() {
    kube_ = std::make_unique<aws::kubernetes::KubeClient>(*session_,
                                                          aws::eks::connect_hyperpod_cluster(*session_, kHyperPodCluster));
    kube_->decorate_transport([this](std::shared_ptr<aws::HttpTransport> inner) {
      auto faults = std::make_shared<FaultInjectingTransport>(std::move(inner));
      if (!kube_faults_) kube_faults_ = faults;  // the first is the one creates go through
      return faults;
    });
  }

  // The first POST to `resource` gets `fault` (std::nullopt: sent as it is) after `before` ran.
  void on_first_post(const std::string& resource, std::optional<Fault> fault, std::function<void()> before = {}) {
    kube_faults_->set_rule([=, done = std::make_shared<bool>(false)](const HttpRequest& r) -> std::optional<Fault> {
      if (*done || r.method != "POST" || !r.path.ends_with("/" + resource)) return std::nullopt;
      *done = true;
      if (before) before();
      return fault;
    });
  }

  // Objects of `resource` named `name` on the server.
  static int named(const std::string& resource, const std::string& name) {
    int n = 0;
    for (const auto& o : json::parse(k8s_->objects_json(resource))) n += o["metadata"]["name"] == name ? 1 : 0;
    return n;
  }

  static int calls(const std::string& method, const std::string& resource) {
    int n = 0;
    for (const auto& c : json::parse(k8s_->calls_json())) {
      n += c["method"] == method && c["path"].get<std::string>().find("/" + resource) != std::string::npos ? 1 : 0;
    }
    return n;
  }

  // Exactly one ConfigMap and one PyTorchJob of the job; then removed.
  void expect_one_job(const std::string& name) {
    EXPECT_EQ(named("configmaps", "training-config-" + name), 1);
    EXPECT_EQ(named("pytorchjobs", name), 1);
    runtime::delete_hyperpod_objects(*kube_, kNamespace, name);
  }

  std::shared_ptr<FaultInjectingTransport> aws_faults_, kube_faults_;
  std::shared_ptr<const aws::Session> session_;
  std::unique_ptr<aws::kubernetes::KubeClient> kube_;
};

TEST_F(ChaosHyperPod, AResetAfterTheJobsPostReachedTheServerLeavesOneJob) {
  connect();
  const std::string name = "chaos-reset-ab1c2";
  k8s_->control("DELETE", "calls");
  on_first_post("pytorchjobs", Fault::transport(aws::TransportErrorKind::kReset, /*after_send=*/true));
  runtime::create_hyperpod_objects(*kube_, render_sft_job(name), name);
  EXPECT_EQ(calls("POST", "pytorchjobs"), 1);  // the lost answer was settled by looking, not resending
  EXPECT_EQ(calls("GET", "pytorchjobs/" + name), 1);
  expect_one_job(name);
}

TEST_F(ChaosHyperPod, ThrottledDescribeClustersStillLaunchOneJob) {
  int sagemaker = 0, eks = 0;
  aws_faults_->set_rule([&](const HttpRequest& r) -> std::optional<Fault> {
    const std::string* target = aws::find_header(r.headers, "X-Amz-Target");
    if (target != nullptr && *target == "SageMaker.DescribeCluster" && ++sagemaker <= 2) {
      return Fault::json_error(400, "ThrottlingException");
    }
    if (r.method == "GET" && r.path == std::string("/clusters/") + kEksCluster && ++eks <= 2) {
      return Fault::json_error(429, "ThrottlingException");
    }
    return std::nullopt;
  });
  connect();
  EXPECT_EQ(sagemaker, 3);  // two throttled, the third answered
  EXPECT_EQ(eks, 3);
  const std::string name = "chaos-throttle-ab1c2";
  k8s_->control("DELETE", "calls");
  runtime::create_hyperpod_objects(*kube_, render_sft_job(name), name);
  EXPECT_EQ(calls("POST", "pytorchjobs"), 1);
  expect_one_job(name);
}

TEST_F(ChaosHyperPod, AnInterruptBeforeTheJobIsCompleteRemovesWhatWasCreated) {
  const InterruptReset reset;
  connect();
  const std::string name = "chaos-int-first-ab1c2";
  k8s_->control("DELETE", "calls");
  on_first_post("configmaps", std::nullopt, [] { request_interrupt(SIGINT); });
  EXPECT_THROW(runtime::create_hyperpod_objects(*kube_, render_sft_job(name), name, kNote), InterruptedError);
  EXPECT_EQ(calls("POST", "configmaps"), 1);   // the ConfigMap's create finished...
  EXPECT_EQ(calls("DELETE", "configmaps"), 1);  // ...and was undone
  EXPECT_EQ(calls("POST", "pytorchjobs"), 0);   // the job itself never sent
  EXPECT_EQ(named("configmaps", "training-config-" + name), 0);
  EXPECT_EQ(named("pytorchjobs", name), 0);
  EXPECT_THAT(created_resources(), IsEmpty());
}

TEST_F(ChaosHyperPod, AnInterruptDuringTheLastCreateLeavesTheJobRunningAndNoted) {
  const InterruptReset reset;
  connect();
  const std::string name = "chaos-int-last-ab1c2";
  on_first_post("pytorchjobs", std::nullopt, [] { request_interrupt(SIGINT); });
  runtime::create_hyperpod_objects(*kube_, render_sft_job(name), name, kNote);
  EXPECT_THAT(created_resources(), ElementsAre(kNote));
  EXPECT_THROW(check_interrupt(), InterruptedError);  // the run stops at its next check
  clear_interrupt();
  expect_one_job(name);
}

}  // namespace
}  // namespace nova::testing
