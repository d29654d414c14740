// SMHPRuntimeManager against the stand-ins: objects created over TLS (PyTorchJob validated
// against the CRD schema by the Kubernetes stand-in), all-or-nothing creation, cleanup by
// label, status through scripted conditions, infra checks and pod logs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "support/hyperpod_suite.hpp"
#include "support/test_paths.hpp"

namespace nova::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class HyperPodRuntimeTest : public HyperPodSuite {
 protected:
  void SetUp() override {
    k8s_->set_namespaces(R"(["default", "kubeflow"])");
    k8s_->set_crd_installed(true);
    k8s_->deny("[]");
  }

  JobConfig job_config(int replicas = 2) const {
    std::string recipe = read_file(fixture("recipes/nova_lite_2_0_p5_gpu_lora_sft_smhp.yaml"));
    const auto at = recipe.find("  replicas: 4");
    recipe.replace(at, 13, "  replicas: " + std::to_string(replicas));
    JobConfig c;
    c.job_name = "golden-job";
    c.image_uri = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-HP-SFT-V2-latest";
    c.recipe_path = dir_.write("recipe.yaml", recipe).string();
    return c;
  }

  SMHPRuntimeManager manager(int count = 2, const std::string& ns = kNamespace) const {
    return SMHPRuntimeManager(kRestrictedInstanceType, count, kHyperPodCluster, ns);
  }

  // Stored objects of a resource that belong to `job`.
  std::vector<json> objects_of(const std::string& resource, const std::string& job) const {
    std::vector<json> out;
    for (const auto& o : json::parse(k8s_->objects_json(resource))) {
      const auto labels = o["metadata"].value("labels", json::object());
      if (labels.value("nova-sdk/job-name", "") == job) out.push_back(o);
    }
    return out;
  }

  TempDir dir_;
};

TEST_F(HyperPodRuntimeTest, ExecuteCreatesTheConfigMapAndPyTorchJob) {
  auto m = manager(2);
  const std::string job = m.execute(job_config(2));
  EXPECT_THAT(job, ::testing::MatchesRegex("golden-job-[a-z0-9]{5}"));
  const auto maps = objects_of("configmaps", job);
  ASSERT_EQ(maps.size(), 1u);
  EXPECT_EQ(maps[0]["metadata"]["name"], "training-config-" + job);
  EXPECT_THAT(maps[0]["data"]["config.yaml"].get<std::string>(), HasSubstr("name: " + job + "\n"));
  const auto jobs = objects_of("pytorchjobs", job);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0]["spec"]["pytorchReplicaSpecs"]["Worker"]["replicas"], 1);
  EXPECT_EQ(json::parse(k8s_->rejections_json()), json::array());
  m.cleanup(job);
}

TEST_F(HyperPodRuntimeTest, StatusFollowsTheConditionsAndCleanupReadsStopped) {
  auto m = manager(2);
  const std::string job = m.execute(job_config(2));
  SMHPTrainingResult result(job, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA, {}, kHyperPodCluster,
                            std::nullopt, kNamespace);
  EXPECT_EQ(result.get_job_status(), std::make_pair(JobStatus::IN_PROGRESS, std::string("Pending")));
  k8s_->script(kNamespace, job, R"(["Created", "Running", "Restarting", "Running"])");
  k8s_->advance(kNamespace, job);
  EXPECT_EQ(result.get_job_status().second, "Created");
  k8s_->advance(kNamespace, job);
  k8s_->advance(kNamespace, job);
  EXPECT_EQ(result.get_job_status(), std::make_pair(JobStatus::IN_PROGRESS, std::string("Restarting")));
  m.cleanup(job);
  EXPECT_TRUE(objects_of("configmaps", job).empty());
  EXPECT_TRUE(objects_of("pytorchjobs", job).empty());
  EXPECT_EQ(result.get_job_status(), std::make_pair(JobStatus::FAILED, std::string("Stopped")));
  EXPECT_THAT([&] { m.cleanup(job); }, ::testing::ThrowsMessage<ValueError>(HasSubstr("nothing to stop")));
}

TEST_F(HyperPodRuntimeTest, SucceededJobIsCompleted) {
  auto m = manager(1);
  const std::string job = m.execute(job_config(1));
  EXPECT_FALSE(objects_of("pytorchjobs", job).at(0)["spec"]["pytorchReplicaSpecs"].contains("Worker"));
  k8s_->script(kNamespace, job, R"(["Created", "Running", "Succeeded"])", true);
  SMHPTrainingResult result(job, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA, {}, kHyperPodCluster,
                            std::nullopt, kNamespace);
  JobStatus status = JobStatus::IN_PROGRESS;
  for (int i = 0; i < 5 && status == JobStatus::IN_PROGRESS; ++i) status = result.get_job_status().first;
  EXPECT_EQ(status, JobStatus::COMPLETED);
  m.cleanup(job);
}

TEST_F(HyperPodRuntimeTest, RefusedPyTorchJobRemovesTheConfigMap) {
  k8s_->deny(R"([{"verb": "create", "resource": "pytorchjobs", "namespace": "kubeflow"}])");
  const auto config_maps_before = json::parse(k8s_->objects_json("configmaps"));
  auto m = manager(2);
  try {
    m.execute(job_config(2));
    FAIL() << "created";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.http_status(), 403);
    EXPECT_THAT(e.what(), HasSubstr("pytorchjobs"));
  }
  // The ConfigMap this launch created is gone again: the namespace holds what it held before.
  EXPECT_EQ(json::parse(k8s_->objects_json("configmaps")), config_maps_before);
}

TEST_F(HyperPodRuntimeTest, MissingNamespaceIsNamed) {
  auto m = manager(2, "nope");
  EXPECT_THROW(m.execute(job_config(2)), ServiceError);
  const auto checks = m.check_infrastructure();
  const auto ns = std::find_if(checks.begin(), checks.end(), [](const auto& c) { return c.name == "namespace"; });
  ASSERT_NE(ns, checks.end());
  EXPECT_FALSE(ns->ready);
  EXPECT_THAT(ns->detail, HasSubstr("Namespace 'nope' does not exist"));
}

TEST_F(HyperPodRuntimeTest, InfraChecksReportEveryPiece) {
  auto ready = manager(2).check_infrastructure();
  ASSERT_EQ(ready.size(), 5u);
  std::vector<std::string> names;
  for (const auto& c : ready) {
    EXPECT_TRUE(c.ready) << c.name << ": " << c.detail;
    names.push_back(c.name);
  }
  EXPECT_EQ(names, std::vector<std::string>({"cluster", "instances", "namespace", "pytorchjob-crd", "rbac"}));

  // RBAC: what a launch, status and stop do in the namespace, asked before any of them.
  k8s_->deny(R"([{"verb": "delete", "resource": "pytorchjobs", "namespace": "kubeflow"}])");
  const auto rbac = manager(2).check_infrastructure().at(4);
  EXPECT_FALSE(rbac.ready);
  EXPECT_THAT(rbac.detail, HasSubstr("Kubernetes RBAC does not let you delete pytorchjobs.kubeflow.org in namespace "
                                     "'kubeflow': bind a Role in namespace 'kubeflow' granting these verbs"));
  k8s_->deny("[]");

  k8s_->set_crd_installed(false);
  auto too_many = manager(kRestrictedInstanceCount + 1).check_infrastructure();
  EXPECT_FALSE(too_many[1].ready);
  EXPECT_THAT(too_many[1].detail, HasSubstr("Insufficient capacity for instance type 'ml.p5.48xlarge'"));
  EXPECT_FALSE(too_many[3].ready);
  EXPECT_THAT(too_many[3].detail, HasSubstr("PyTorchJob CRD (pytorchjobs.kubeflow.org) is not installed"));

  auto missing = SMHPRuntimeManager(kRestrictedInstanceType, 1, "no-such-cluster", kNamespace).check_infrastructure();
  EXPECT_FALSE(missing[0].ready);
  EXPECT_THAT(missing[0].detail, HasSubstr("no-such-cluster"));
  for (const auto& c : missing) EXPECT_FALSE(c.ready) << c.name;
}

TEST_F(HyperPodRuntimeTest, PodLogsMasterFirstAndFollowed) {
  auto m = manager(2);
  const std::string job = m.execute(job_config(2));
  k8s_->script(kNamespace, job, R"(["Created", "Running"])");
  k8s_->advance(kNamespace, job);
  k8s_->advance(kNamespace, job);
  k8s_->put_log(kNamespace, job + "-master-0", "step 1 loss 2.0\n");
  k8s_->put_log(kNamespace, job + "-worker-0", "worker ready\n");
  std::string all;
  m.pod_logs(job, [&](std::string_view chunk) {
    all += chunk;
    return true;
  });
  EXPECT_EQ(all, "==> " + job + "-master-0 <==\nstep 1 loss 2.0\n==> " + job + "-worker-0 <==\nworker ready\n");
  k8s_->put_log(kNamespace, job + "-master-0", "step 2 loss 1.5\n", true);
  std::string followed;
  m.pod_logs(job, [&](std::string_view chunk) {
    followed += chunk;
    return true;
  }, true);
  EXPECT_THAT(followed, HasSubstr("step 2 loss 1.5"));
  m.cleanup(job);
}

TEST_F(HyperPodRuntimeTest, RftJobCreatesEveryObjectAndCleanupLeavesNothing) {
  JobConfig c;
  c.job_name = "ignored-when-the-recipe-has-a-run-name";
  c.image_uri = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-HP-RFT-TRAIN-V2-latest";
  c.recipe_path = dir_.write("rft.yaml", read_file(fixture("recipes/nova_lite_2_0_p5_gpu_rft_smhp.yaml"))).string();
  auto m = manager(2);
  k8s_->clear_rejections();
  const std::string job = m.execute(c);
  EXPECT_THAT(job, ::testing::MatchesRegex("golden-job-[a-z0-9]{5}"));  // the recipe's run.name
  // Each object passed the stand-in's checks (names, labels, selectors; the PyTorchJob
  // against the CRD schema): nothing was refused.
  EXPECT_EQ(json::parse(k8s_->rejections_json()), json::array());
  const std::map<std::string, std::size_t> expected{{"secrets", 1},     {"configmaps", 7},   {"services", 6},
                                                    {"deployments", 1}, {"statefulsets", 2}, {"jobs", 3},
                                                    {"pytorchjobs", 1}};
  for (const auto& [resource, count] : expected) EXPECT_EQ(objects_of(resource, job).size(), count) << resource;
  EXPECT_EQ(objects_of("pytorchjobs", job).at(0)["spec"]["pytorchReplicaSpecs"]["Worker"]["replicas"], 1);

  m.cleanup(job);
  for (const auto& [resource, count] : expected) EXPECT_TRUE(objects_of(resource, job).empty()) << resource;
  // The PyTorchJob's pods and their services went with it (garbage collection).
  for (const char* resource : {"pods", "services"}) {
    for (const auto& o : json::parse(k8s_->objects_json(resource))) {
      EXPECT_NE(o["metadata"].value("labels", json::object()).value("training.kubeflow.org/job-name", ""), job)
          << resource << " " << o["metadata"]["name"];
    }
  }
}

TEST_F(HyperPodRuntimeTest, PlanRendersWithoutTouchingTheCluster) {
  k8s_->control("DELETE", "calls");
  const SMHPJobPlan plan = manager(2).plan(job_config(2));
  EXPECT_EQ(plan.objects.size(), 2u);
  EXPECT_EQ(plan.objects[0], "ConfigMap/training-config-" + plan.job_name);
  EXPECT_THAT(plan.objects_yaml, HasSubstr("kind: PyTorchJob"));
  EXPECT_EQ(plan.template_origin, "built-in template templates/training.yaml");
  EXPECT_EQ(json::parse(k8s_->calls_json()), json::array());
}

}  // namespace
}  // namespace nova::testing
