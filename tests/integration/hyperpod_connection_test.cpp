// The HyperPod connection chain and the Kubernetes client against the stand-ins: SageMaker
// DescribeCluster and EKS DescribeCluster from the AWS stand-in (checked against botocore's
// models), the Kubernetes API over TLS with a test-generated CA, tokens verified with botocore.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "aws/eks/cluster_connection.hpp"
#include "aws/eks/eks_token.hpp"
#include "aws/kubernetes/kube_client.hpp"
#include "aws/kubernetes/kube_paths.hpp"
#include "aws/sagemaker/cluster_nodes.hpp"
#include "support/hyperpod_suite.hpp"
#include "support/test_clock.hpp"

namespace nova::testing {
namespace {

using aws::kubernetes::core_path;
using aws::kubernetes::KubeClient;
using aws::kubernetes::KubeError;
using aws::kubernetes::pytorchjob_path;
using nlohmann::json;
using ::testing::HasSubstr;

json configmap(const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"labels", {{"nova.amazon.com/job", "conn-test"}}}}},
          {"data", {{"config.yaml", "run:\n  name: x\n"}}}};
}

json pytorchjob(const std::string& name, int workers) {
  const json replica = {{"replicas", 1},
                        {"restartPolicy", "OnFailure"},
                        {"template", {{"spec", {{"containers", {{{"name", "pytorch"}, {"image", "img:latest"}}}}}}}}};
  json job = {{"apiVersion", "kubeflow.org/v1"},
              {"kind", "PyTorchJob"},
              {"metadata", {{"name", name}, {"labels", {{"app", name}}}}},
              {"spec", {{"pytorchReplicaSpecs", {{"Master", replica}}}}}};
  if (workers > 0) {
    job["spec"]["pytorchReplicaSpecs"]["Worker"] = replica;
    job["spec"]["pytorchReplicaSpecs"]["Worker"]["replicas"] = workers;
  }
  return job;
}

template <typename F>
KubeError kube_error_of(F&& f) {
  try {
    f();
  } catch (const KubeError& e) {
    return e;
  }
  ADD_FAILURE() << "no KubeError";
  return KubeError("", "", "", 0, "", false);
}

class HyperPodConnectionTest : public HyperPodSuite {
 protected:
  aws::Session session;
  KubeClient client() { return KubeClient(session, aws::eks::connect_hyperpod_cluster(session, kHyperPodCluster)); }
};

TEST_F(HyperPodConnectionTest, FollowsTheChainFromHyperPodToTheApiServer) {
  const auto c = aws::eks::connect_hyperpod_cluster(session, kHyperPodCluster);
  EXPECT_EQ(c.hyperpod_cluster_name, kHyperPodCluster);
  EXPECT_THAT(c.hyperpod_cluster_arn, ::testing::MatchesRegex("arn:aws:sagemaker:us-east-1:123456789012:cluster/[a-z0-9]{12}"));
  EXPECT_EQ(c.eks_cluster_name, kEksCluster);
  EXPECT_EQ(c.eks_cluster_arn, std::string("arn:aws:eks:us-east-1:123456789012:cluster/") + kEksCluster);
  EXPECT_EQ(c.region, "us-east-1");
  EXPECT_EQ(c.endpoint, k8s_->endpoint());
  EXPECT_EQ(c.ca_pem, k8s_->ca_pem());
}

TEST_F(HyperPodConnectionTest, MissingClusterSaysSo) {
  EXPECT_THAT([&] { aws::eks::connect_hyperpod_cluster(session, "no-such-cluster"); },
              ::testing::ThrowsMessage<ValueError>(HasSubstr("HyperPod cluster 'no-such-cluster' not found")));
}

TEST_F(HyperPodConnectionTest, SlurmClusterIsRefused) {
  json reg = cluster_registration();
  reg["orchestrator"] = false;
  register_cluster("slurm-hp", reg);
  EXPECT_THAT([&] { aws::eks::connect_hyperpod_cluster(session, "slurm-hp"); },
              ::testing::ThrowsMessage<ValueError>(HasSubstr("is not orchestrated by EKS")));
}

TEST_F(HyperPodConnectionTest, InactiveEksClusterIsRefused) {
  json reg = cluster_registration();
  reg["eks_cluster_name"] = "creating-eks";
  reg["eks_status"] = "CREATING";
  register_cluster("young-hp", reg);
  EXPECT_THAT([&] { aws::eks::connect_hyperpod_cluster(session, "young-hp"); },
              ::testing::ThrowsMessage<ValueError>(HasSubstr("is CREATING; it must be ACTIVE")));
}

TEST_F(HyperPodConnectionTest, ListsClusterNodesOfEveryGroup) {
  aws::SageMakerClient sm = session.sagemaker();
  const auto nodes = aws::list_cluster_nodes(sm, kHyperPodCluster);
  ASSERT_EQ(nodes.size(), 1u + kRestrictedInstanceCount);
  EXPECT_EQ(aws::list_cluster_nodes(sm, kHyperPodCluster, "rig").size(), static_cast<std::size_t>(kRestrictedInstanceCount));
  EXPECT_EQ(nodes.back().instance_type, kRestrictedInstanceType);
  EXPECT_EQ(nodes.back().status, "Running");
}

TEST_F(HyperPodConnectionTest, CreatesGetsListsAndDeletesObjects) {
  KubeClient kube = client();
  const json created = kube.create(core_path(kNamespace, "configmaps"), configmap("training-config-crud"));
  EXPECT_FALSE(created["metadata"]["uid"].get<std::string>().empty());
  EXPECT_EQ(kube.get(core_path(kNamespace, "configmaps", "training-config-crud"))["data"]["config.yaml"], "run:\n  name: x\n");
  kube.create(core_path(kNamespace, "configmaps"), configmap("training-config-other"));
  const json listed = kube.list(core_path(kNamespace, "configmaps"), "nova.amazon.com/job=conn-test");
  EXPECT_EQ(listed["items"].size(), 2u);
  EXPECT_EQ(kube.list(core_path(kNamespace, "configmaps"), "nova.amazon.com/job=none")["items"].size(), 0u);
  EXPECT_TRUE(kube.remove(core_path(kNamespace, "configmaps", "training-config-crud")));
  EXPECT_FALSE(kube.remove(core_path(kNamespace, "configmaps", "training-config-crud")));
  EXPECT_FALSE(kube.get_if_exists(core_path(kNamespace, "configmaps", "training-config-crud")).has_value());
  EXPECT_TRUE(kube.remove(core_path(kNamespace, "configmaps", "training-config-other"), /*foreground=*/false));
  EXPECT_EQ(k8s_->rejections_json(), "[]");
}

TEST_F(HyperPodConnectionTest, ListFollowsContinueTokens) {
  KubeClient kube = client();
  // More than one page (the client asks for 500 at a time).
  for (int i = 0; i < 3; ++i) kube.create(core_path("default", "configmaps"), configmap("page-" + std::to_string(i)));
  EXPECT_EQ(kube.list(core_path("default", "configmaps"))["items"].size(), 3u);
  for (int i = 0; i < 3; ++i) kube.remove(core_path("default", "configmaps", "page-" + std::to_string(i)));
}

TEST_F(HyperPodConnectionTest, PyTorchJobCreatesPodsThatGoWithIt) {
  KubeClient kube = client();
  kube.create(pytorchjob_path(kNamespace), pytorchjob("job-pods", 2));
  const json pods = kube.list(core_path(kNamespace, "pods"), "training.kubeflow.org/job-name=job-pods");
  ASSERT_EQ(pods["items"].size(), 3u);
  EXPECT_EQ(pods["items"][0]["metadata"]["name"], "job-pods-master-0");
  EXPECT_TRUE(kube.remove(pytorchjob_path(kNamespace, "job-pods")));
  EXPECT_EQ(kube.list(core_path(kNamespace, "pods"), "training.kubeflow.org/job-name=job-pods")["items"].size(), 0u);
}

TEST_F(HyperPodConnectionTest, ScriptedConditionsAppearOnTheJob) {
  KubeClient kube = client();
  kube.create(pytorchjob_path(kNamespace), pytorchjob("job-status", 0));
  EXPECT_FALSE(kube.get(pytorchjob_path(kNamespace, "job-status")).contains("status"));
  k8s_->script(kNamespace, "job-status", R"(["Created","Running","Restarting","Running","Succeeded"])");
  std::vector<std::string> seen;
  for (int i = 0; i < 5; ++i) {
    k8s_->advance(kNamespace, "job-status");
    seen.push_back(kube.get(pytorchjob_path(kNamespace, "job-status"))["status"]["conditions"].back()["type"]);
  }
  EXPECT_THAT(seen, ::testing::ElementsAre("Created", "Running", "Restarting", "Running", "Succeeded"));
  const json conditions = kube.get(pytorchjob_path(kNamespace, "job-status"))["status"]["conditions"];
  EXPECT_EQ(conditions.size(), 3u);  // Created, Running (now False), Succeeded
  EXPECT_EQ(conditions[1]["status"], "False");
  kube.remove(pytorchjob_path(kNamespace, "job-status"));
}

TEST_F(HyperPodConnectionTest, AnExistingNameIsAConflict) {
  KubeClient kube = client();
  kube.create(pytorchjob_path(kNamespace), pytorchjob("job-twice", 0));
  const KubeError e = kube_error_of([&] { kube.create(pytorchjob_path(kNamespace), pytorchjob("job-twice", 0)); });
  EXPECT_EQ(e.http_status(), 409);
  EXPECT_THAT(std::string(e.what()), HasSubstr("pytorchjobs.kubeflow.org 'job-twice' already exists in namespace 'kubeflow'"));
  kube.remove(pytorchjob_path(kNamespace, "job-twice"));
}

TEST_F(HyperPodConnectionTest, MissingNamespaceAndCrdAreNamed) {
  KubeClient kube = client();
  EXPECT_THAT(std::string(kube_error_of([&] { kube.create(core_path("absent", "configmaps"), configmap("c")); }).what()),
              HasSubstr("namespace 'absent' does not exist"));
  k8s_->set_crd_installed(false);
  const KubeError e = kube_error_of([&] { kube.list(pytorchjob_path(kNamespace)); });
  k8s_->set_crd_installed(true);
  EXPECT_THAT(std::string(e.what()), HasSubstr("CustomResourceDefinition pytorchjobs.kubeflow.org"));
}

TEST_F(HyperPodConnectionTest, ForbiddenSaysWhichPermissionIsMissing) {
  KubeClient kube = client();
  k8s_->deny(R"([{"verb": "create", "resource": "pytorchjobs", "namespace": "kubeflow"}])");
  const KubeError e = kube_error_of([&] { kube.create(pytorchjob_path(kNamespace), pytorchjob("job-denied", 0)); });
  EXPECT_FALSE(kube.allowed("create", "kubeflow.org", "pytorchjobs", kNamespace));
  EXPECT_TRUE(kube.allowed("get", "kubeflow.org", "pytorchjobs", kNamespace));
  k8s_->deny("[]");
  EXPECT_TRUE(kube.allowed("create", "kubeflow.org", "pytorchjobs", kNamespace));
  EXPECT_EQ(e.http_status(), 403);
  EXPECT_THAT(std::string(e.what()), HasSubstr("'create' on pytorchjobs (API group kubeflow.org) in namespace 'kubeflow'"));
}

TEST_F(HyperPodConnectionTest, InvalidObjectsAreRefusedWithTheirCauses) {
  KubeClient kube = client();
  json bad = pytorchjob("Job_Upper", 0);
  bad["spec"]["pytorchReplicaSpecs"]["Master"]["replicas"] = "one";
  const KubeError e = kube_error_of([&] { kube.create(pytorchjob_path(kNamespace), bad); });
  EXPECT_EQ(e.http_status(), 422);
  EXPECT_THAT(std::string(e.what()), HasSubstr("metadata.name"));
  EXPECT_THAT(std::string(e.what()), HasSubstr("spec.pytorchReplicaSpecs.Master.replicas"));
  k8s_->clear_rejections();
}

TEST_F(HyperPodConnectionTest, ExpiredOrForeignTokensAreRejected) {
  auto connection = aws::eks::connect_hyperpod_cluster(session, kHyperPodCluster);
  const auto credentials = session.credentials()->get();
  const auto old = std::chrono::system_clock::now() - std::chrono::minutes(16);
  KubeClient expired(connection, [&](bool) {
    return aws::eks::make_eks_token(credentials, "us-east-1", "sts.us-east-1.amazonaws.com", kEksCluster, old).value;
  });
  EXPECT_EQ(kube_error_of([&] { expired.get(aws::kubernetes::namespace_path(kNamespace)); }).http_status(), 401);
  KubeClient foreign(connection, [&](bool) {
    return aws::eks::make_eks_token(credentials, "us-east-1", "sts.us-east-1.amazonaws.com", "another-cluster",
                                    std::chrono::system_clock::now())
        .value;
  });
  const KubeError e = kube_error_of([&] { foreign.get(aws::kubernetes::namespace_path(kNamespace)); });
  EXPECT_EQ(e.code(), "Unauthorized");
  EXPECT_THAT(std::string(e.what()), HasSubstr("EKS access entry"));
  EXPECT_THAT(k8s_->rejections_json(), HasSubstr("token expired"));
  EXPECT_THAT(k8s_->rejections_json(), HasSubstr("does not verify for cluster nova-eks"));
  k8s_->clear_rejections();
}

TEST_F(HyperPodConnectionTest, A401IsRetriedOnceWithAFreshToken) {
  auto connection = aws::eks::connect_hyperpod_cluster(session, kHyperPodCluster);
  auto source = aws::eks::token_source(session);
  std::vector<bool> asked;
  KubeClient kube(connection, [&](bool force) {
    asked.push_back(force);
    return force ? source.token(kEksCluster, true).value : std::string("k8s-aws-v1.stale");
  });
  EXPECT_EQ(kube.get(aws::kubernetes::namespace_path(kNamespace))["metadata"]["name"], kNamespace);
  EXPECT_THAT(asked, ::testing::ElementsAre(false, true));
  k8s_->clear_rejections();
}

TEST_F(HyperPodConnectionTest, ReadsAreRetriedButCreatesAreNot) {
  auto connection = aws::eks::connect_hyperpod_cluster(session, kHyperPodCluster);
  auto source = aws::eks::token_source(session);
  auto clock = std::make_shared<RecordingClock>();
  KubeClient kube(connection, [&](bool force) { return source.token(kEksCluster, force).value; }, clock);
  k8s_->control("PUT", "faults", R"([{"method": "GET", "status": 503}, {"method": "GET", "status": 429}])");
  EXPECT_EQ(kube.get(aws::kubernetes::namespace_path(kNamespace))["metadata"]["name"], kNamespace);
  EXPECT_EQ(clock->sleeps().size(), 2u);
  k8s_->control("PUT", "faults", R"([{"method": "POST", "status": 503}])");
  const KubeError e = kube_error_of([&] { kube.create(core_path(kNamespace, "configmaps"), configmap("once")); });
  EXPECT_EQ(e.http_status(), 503);
  EXPECT_TRUE(e.retryable());
  EXPECT_FALSE(kube.get_if_exists(core_path(kNamespace, "configmaps", "once")).has_value());
}

TEST_F(HyperPodConnectionTest, TlsIsVerifiedAgainstTheClusterCa) {
  auto connection = aws::eks::connect_hyperpod_cluster(session, kHyperPodCluster);
  connection.ca_pem = k8s_->foreign_ca_pem();
  KubeClient kube(session, connection);
  try {
    kube.get(aws::kubernetes::namespace_path(kNamespace));
    FAIL() << "a server whose certificate does not chain to the CA was trusted";
  } catch (const KubeError&) {
    FAIL() << "the request reached the server";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "NetworkError");
    EXPECT_THAT(std::string(e.what()), HasSubstr("certificate authority"));
  }
}

TEST_F(HyperPodConnectionTest, ReadsAndFollowsPodLogs) {
  KubeClient kube = client();
  kube.create(pytorchjob_path(kNamespace), pytorchjob("job-logs", 0));
  const KubeError pending = kube_error_of([&] { kube.pod_logs(kNamespace, "job-logs-master-0"); });
  EXPECT_EQ(pending.http_status(), 400);
  EXPECT_THAT(std::string(pending.what()), HasSubstr("waiting to start"));
  k8s_->script(kNamespace, "job-logs", R"(["Running","Succeeded"])");
  k8s_->advance(kNamespace, "job-logs");
  k8s_->put_log(kNamespace, "job-logs-master-0", "line 1\nline 2\nline 3\n");
  EXPECT_EQ(kube.pod_logs(kNamespace, "job-logs-master-0"), "line 1\nline 2\nline 3\n");
  aws::kubernetes::LogOptions tail;
  tail.tail_lines = 1;
  tail.container = "pytorch";
  EXPECT_EQ(kube.pod_logs(kNamespace, "job-logs-master-0", tail), "line 3\n");

  std::string followed;
  std::atomic<bool> first_chunk{false};
  std::thread writer([&] {
    while (!first_chunk) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    k8s_->put_log(kNamespace, "job-logs-master-0", "line 4\n");
    k8s_->advance(kNamespace, "job-logs");  // Succeeded: the container ends, the server closes the stream
  });
  kube.follow_pod_logs(kNamespace, "job-logs-master-0", [&](std::string_view chunk) {
    followed += chunk;
    first_chunk = true;
    return true;
  });
  writer.join();
  EXPECT_EQ(followed, "line 1\nline 2\nline 3\nline 4\n");

  // A consumer that stops early ends the stream without an error.
  int chunks = 0;
  kube.follow_pod_logs(kNamespace, "job-logs-master-0", [&](std::string_view) { return ++chunks < 1; });
  EXPECT_EQ(chunks, 1);
  kube.remove(pytorchjob_path(kNamespace, "job-logs"));
}

}  // namespace
}  // namespace nova::testing
