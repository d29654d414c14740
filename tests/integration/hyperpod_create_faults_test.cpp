// Creating a HyperPod job's objects when the outcome of a POST is unknown or the name is
// taken (issue #10, "Kubernetes POST — on 409, check our job label"): faults come from a
// FaultInjectingTransport in front of the real transport to the Kubernetes stand-in, and
// each case asserts what the stand-in holds afterwards: exactly one of each object, or none.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/eks/cluster_connection.hpp"
#include "aws/kubernetes/kube_client.hpp"
#include "aws/session/session.hpp"
#include "runtime/hyperpod_apply.hpp"
#include "runtime/hyperpod_objects.hpp"
#include "support/hyperpod_suite.hpp"
#include "support/test_paths.hpp"

namespace nova::testing {
namespace {

using aws::Fault;
using aws::FaultInjectingTransport;
using aws::TransportErrorKind;
using nlohmann::json;
using ::testing::HasSubstr;

class HyperPodCreateFaultsTest : public HyperPodSuite {
 protected:
  void SetUp() override {
    k8s_->set_namespaces(R"(["default", "kubeflow"])");
    k8s_->set_crd_installed(true);
    k8s_->deny("[]");
    kube_.decorate_transport([this](std::shared_ptr<aws::HttpTransport> inner) {
      auto faults = std::make_shared<FaultInjectingTransport>(std::move(inner));
      if (!faults_) faults_ = faults;  // the first is the one creates go through
      return faults;
    });
  }

  runtime::RenderedHyperPodJob render(const std::string& name) const { return render_sft_job(name); }

  // Fails the first request matching `method` and `resource` (a path segment) with `fault`.
  void fail_first(const std::string& method, const std::string& resource, Fault fault) {
    auto done = std::make_shared<bool>(false);
    faults_->set_rule([=](const aws::HttpRequest& r) -> std::optional<Fault> {
      if (*done || r.method != method || r.path.find("/" + resource) == std::string::npos) return std::nullopt;
      *done = true;
      return fault;
    });
  }

  std::vector<json> named(const std::string& resource, const std::string& name) const {
    std::vector<json> out;
    for (const auto& o : json::parse(k8s_->objects_json(resource)))
      if (o["metadata"]["name"] == name) out.push_back(o);
    return out;
  }

  int posts_to(const std::string& resource) const {
    int n = 0;
    for (const auto& c : json::parse(k8s_->calls_json()))
      if (c["method"] == "POST" && c["path"].get<std::string>().ends_with("/" + resource)) ++n;
    return n;
  }

  // Exactly one ConfigMap and one PyTorchJob of the job are on the server; then removed.
  void expect_created_once(const std::string& name) {
    EXPECT_EQ(named("configmaps", "training-config-" + name).size(), 1u);
    EXPECT_EQ(named("pytorchjobs", name).size(), 1u);
    runtime::delete_hyperpod_objects(kube_, kNamespace, name);
  }

  aws::Session session_;
  aws::kubernetes::KubeClient kube_{session_, aws::eks::connect_hyperpod_cluster(session_, kHyperPodCluster)};
  std::shared_ptr<FaultInjectingTransport> faults_;
};

TEST_F(HyperPodCreateFaultsTest, ResetAfterThePostReachedTheServerIsSettledByLookingNotByResending) {
  const std::string name = "reset-after-ab1c2";
  const auto job = render(name);
  k8s_->control("DELETE", "calls");
  fail_first("POST", "configmaps", Fault::transport(TransportErrorKind::kReset, true));
  runtime::create_hyperpod_objects(kube_, job, name);
  EXPECT_EQ(posts_to("configmaps"), 1);  // the lost answer was not answered by a second create
  expect_created_once(name);
}

TEST_F(HyperPodCreateFaultsTest, ResetBeforeTheServerSawThePostSendsItAgain) {
  const std::string name = "reset-before-ab1c2";
  const auto job = render(name);
  k8s_->control("DELETE", "calls");
  fail_first("POST", "pytorchjobs", Fault::transport(TransportErrorKind::kReset, false));
  runtime::create_hyperpod_objects(kube_, job, name);
  EXPECT_EQ(posts_to("pytorchjobs"), 1);  // the first never reached the server
  expect_created_once(name);
}

TEST_F(HyperPodCreateFaultsTest, ServerErrorOnACreateIsCheckedThenRetried) {
  const std::string name = "server-error-ab1c2";
  const auto job = render(name);
  fail_first("POST", "pytorchjobs", Fault::json_error(503, "ServiceUnavailable"));
  runtime::create_hyperpod_objects(kube_, job, name);
  expect_created_once(name);
}

TEST_F(HyperPodCreateFaultsTest, ARepeatedLaunchFindsItsOwnObjects) {
  const std::string name = "repeated-ab1c2";
  const auto job = render(name);
  runtime::create_hyperpod_objects(kube_, job, name);
  runtime::create_hyperpod_objects(kube_, job, name);  // every POST answers 409: ours
  expect_created_once(name);
}

TEST_F(HyperPodCreateFaultsTest, ForeignObjectOfTheSameNameIsAConflictAndNothingOfOursIsLeft) {
  const std::string name = "foreign-ab1c2";
  const auto job = render(name);
  // Someone else's PyTorchJob of that name (no label of ours), created before the launch.
  json foreign(job.objects.back().body);
  ASSERT_EQ(foreign["kind"], "PyTorchJob");
  foreign["metadata"]["labels"] = {{"app", "theirs"}};
  kube_.create(job.objects.back().collection_path, foreign);
  try {
    runtime::create_hyperpod_objects(kube_, job, name);
    FAIL() << "a foreign object was taken for ours";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("A PyTorchJob named '" + name + "' already exists in namespace 'kubeflow'"));
    EXPECT_THAT(e.what(), HasSubstr("it carries no nova-sdk/job-name label"));
  }
  // All or nothing: the ConfigMap this launch created is gone, the foreign job untouched.
  EXPECT_TRUE(named("configmaps", "training-config-" + name).empty());
  const auto theirs = named("pytorchjobs", name);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0]["metadata"]["labels"], json({{"app", "theirs"}}));
  kube_.remove(job.objects.back().path, false);
}

TEST_F(HyperPodCreateFaultsTest, AnotherJobsObjectIsNamedWithItsOwner) {
  const std::string name = "other-job-ab1c2";
  const auto job = render(name);
  json other(job.objects.front().body);
  ASSERT_EQ(other["kind"], "ConfigMap");
  other["metadata"]["labels"]["nova-sdk/job-name"] = "someone-else-zz9y8";
  kube_.create(job.objects.front().collection_path, other);
  try {
    runtime::create_hyperpod_objects(kube_, job, name);
    FAIL() << "another job's ConfigMap was taken for ours";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("its nova-sdk/job-name label says 'someone-else-zz9y8'"));
  }
  EXPECT_TRUE(named("pytorchjobs", name).empty());
  EXPECT_EQ(named("configmaps", "training-config-" + name).size(), 1u);  // theirs, kept
  kube_.remove(job.objects.front().path, false);
}

TEST_F(HyperPodCreateFaultsTest, ResetAfterSendingOnASecondObjectThatWasForeignStillRollsBack) {
  // A lost answer, then the lookup finds the name taken by someone else: a conflict, and the
  // launch's first object is removed again.
  const std::string name = "lost-foreign-ab1c2";
  const auto job = render(name);
  json foreign(job.objects.back().body);
  foreign["metadata"]["labels"] = {{"app", "theirs"}};
  kube_.create(job.objects.back().collection_path, foreign);
  fail_first("POST", "pytorchjobs", Fault::transport(TransportErrorKind::kReset, true));
  EXPECT_THROW(runtime::create_hyperpod_objects(kube_, job, name), ValueError);
  EXPECT_TRUE(named("configmaps", "training-config-" + name).empty());
  EXPECT_EQ(named("pytorchjobs", name).size(), 1u);
  kube_.remove(job.objects.back().path, false);
}

}  // namespace
}  // namespace nova::testing
