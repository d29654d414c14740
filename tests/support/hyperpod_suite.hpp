#pragma once
// A gtest fixture base for HyperPod tests: the AWS stand-in (StandinSuite) plus the
// Kubernetes stand-in, wired together: HyperPod cluster `kHyperPodCluster` is registered with
// the AWS stand-in, orchestrated by EKS cluster `kEksCluster` whose endpoint and CA are the
// Kubernetes stand-in's. It has a controller group and a restricted group of
// `kRestrictedInstanceCount` × `kRestrictedInstanceType` whose checkpoints go to
// `kCheckpointS3Path`. Namespaces "default" and "kubeflow" exist; the PyTorchJob CRD is
// installed. The environment's credentials (testing/testing) are the ones the Kubernetes
// stand-in accepts tokens from.

#include <nlohmann/json.hpp>

#include <string>

#include "runtime/hyperpod_objects.hpp"
#include "support/k8s_standin_server.hpp"
#include "support/standin_suite.hpp"
#include "support/test_paths.hpp"

namespace nova::testing {

class HyperPodSuite : public StandinSuite {
 protected:
  static constexpr const char* kHyperPodCluster = "nova-hp";
  static constexpr const char* kEksCluster = "nova-eks";
  static constexpr const char* kNamespace = "kubeflow";
  static constexpr const char* kRestrictedInstanceType = "ml.p5.48xlarge";
  static constexpr int kRestrictedInstanceCount = 4;
  static constexpr const char* kCheckpointS3Path = "s3://nova-hp-checkpoints/rig/";

  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    k8s_ = new K8sStandinServer(kEksCluster);
    register_cluster(kHyperPodCluster, cluster_registration());
  }
  static void TearDownTestSuite() {
    delete k8s_;
    k8s_ = nullptr;
    StandinSuite::TearDownTestSuite();
  }

  // A LoRA SFT job named `name` (the fixture recipe) on 2 restricted-group instances.
  static runtime::RenderedHyperPodJob render_sft_job(const std::string& name) {
    runtime::HyperPodJobSpec spec;
    spec.name = name;
    spec.namespace_name = kNamespace;
    spec.image = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-HP-SFT-latest";
    spec.instance_type = kRestrictedInstanceType;
    spec.instance_count = 2;
    spec.region = "us-east-1";
    spec.account = "123456789012";
    spec.recipe_yaml = read_file(fixture("recipes/nova_lite_2_0_p5_gpu_lora_sft_smhp.yaml"));
    return runtime::render_hyperpod_job(spec);
  }

  // The registration of the standard cluster; tests alter a copy for other clusters.
  static nlohmann::json cluster_registration() {
    return {{"eks_cluster_name", kEksCluster},
            {"endpoint", k8s_->endpoint()},
            {"ca_pem", k8s_->ca_pem()},
            {"instance_groups",
             {{{"InstanceGroupName", "controller"}, {"InstanceType", "ml.t3.medium"}, {"CurrentCount", 1}}}},
            {"restricted_instance_groups",
             {{{"InstanceGroupName", "rig-p5"},
               {"InstanceType", kRestrictedInstanceType},
               {"CurrentCount", kRestrictedInstanceCount},
               {"EnvironmentConfig", {{"S3OutputPath", kCheckpointS3Path}}}}}}};
  }
  // Registers (or replaces) a HyperPod cluster with the AWS stand-in (see standin_hyperpod.py).
  static void register_cluster(const std::string& name, const nlohmann::json& registration) {
    const ControlAnswer answer =
        control_exchange(standin_->port(), "PUT", "/_standin/hyperpod-clusters/" + name, registration.dump());
    if (answer.status != 200) throw std::runtime_error("registering HyperPod cluster " + name + ": " + answer.body);
  }

  inline static K8sStandinServer* k8s_ = nullptr;
};

}  // namespace nova::testing
