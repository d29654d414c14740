#pragma once
// The HyperPod table (data/hyperpod/settings.json) and the built-in payload templates
// (data/hyperpod/templates/*.yaml) the renderer falls back to when the hub's is missing.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace nova::runtime {

struct HyperPodDevices {
  int gpus{0};
  int efa{0};
};

struct HyperPodSettings {
  std::string job_label;  // the label key on every object of a job; its value is the job name
  std::size_t name_prefix_max_length{47};
  std::size_t rft_name_prefix_max_length{34};
  std::size_t name_suffix_length{5};
  std::string init_container_repository;
  std::map<std::string, std::string> init_container_accounts;  // region -> ECR account
  std::map<std::string, std::string> rft_image_accounts;
  std::map<std::string, std::string> rft_images;               // placeholder -> repository:tag
  std::map<std::string, HyperPodDevices> devices;              // ml.<type> -> devices
  std::map<std::string, std::string> rft_config_maps;          // name suffix -> task_type
  std::vector<std::pair<std::string, std::string>> resources;  // kind -> plural, creation order
};

const HyperPodSettings& hyperpod_settings();

// The built-in template `templates/<kind>.yaml` ("training", "evaluation", "rft").
// @throws ValueError for an unknown kind.
const std::string& builtin_hyperpod_template(const std::string& kind);

}  // namespace nova::runtime
