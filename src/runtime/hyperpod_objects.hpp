#pragma once
// The Kubernetes objects a Nova job on HyperPod is made of, rendered from the hub's
// HpEksPayloadTemplate for the recipe (or the built-in template in data/hyperpod/templates
// when there is none): placeholders filled, the resolved recipe in the ConfigMap(s), Worker
// replicas = instance count - 1 (the hub template writes {{replicas}} for both), devices of
// the instance type, and every object labelled with the job so cleanup can find them all.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace nova::runtime {

enum class HyperPodJobKind { kTraining, kEvaluation, kRft };

// By the recipes launcher's rule: `evaluation` key -> evaluation; generation or rollout
// replicas, training_config.rollout or a single-/multi-turn data type -> RFT; else training.
HyperPodJobKind hyperpod_job_kind(const std::string& recipe_yaml);

struct HyperPodJobSpec {
  std::string name;  // the job name (hyperpod_job_name)
  std::string namespace_name;
  std::string image;          // the training / evaluation image
  std::string instance_type;  // ml.p5.48xlarge
  int instance_count{1};
  std::string region;
  std::string account;      // the caller's account (X_AMZ_SOURCE_ACCOUNT)
  std::string recipe_yaml;  // the resolved recipe; run.name is set to `name` here
  std::optional<std::string> payload_template;  // the hub's; none: built-in
};

struct HyperPodObject {
  nlohmann::ordered_json body;
  std::string collection_path;  // where it is created (POST)
  std::string path;             // the object (GET, DELETE)
  std::string kind() const;
  std::string name() const;
};

struct RenderedHyperPodJob {
  HyperPodJobKind kind{HyperPodJobKind::kTraining};
  std::vector<HyperPodObject> objects;  // in creation order (configuration before workloads)
  std::string template_origin;          // "hub payload template" | "built-in template templates/<k>.yaml"
};

// @throws ValueError for an unknown instance type or region, a template with placeholders
// left unfilled, an object name Kubernetes would refuse or RFT replica counts that are not
// whole numbers.
RenderedHyperPodJob render_hyperpod_job(const HyperPodJobSpec& spec);

// The label selector matching every object of `job_name`.
std::string hyperpod_job_selector(const std::string& job_name);

}  // namespace nova::runtime
