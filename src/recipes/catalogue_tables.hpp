#pragma once
// Tables of data/recipes: evaluation tasks (strategy, metric, subtasks, BYOD, local
// template family) and the regional image accounts.

#include <optional>
#include <string>
#include <vector>

#include "nova/enums.hpp"

namespace nova::recipes {

struct EvalTaskInfo {
  std::string strategy;
  std::string metric;
  std::vector<std::string> subtasks;
  bool byod{false};
  std::string local_template;  // "" when the hub has the recipe
};

const EvalTaskInfo& eval_task_info(EvaluationTask task);
// Tasks that take the user's own dataset, as values ("gen_qa", ...).
std::vector<std::string> byod_eval_tasks();

// `builtin-image://<repo>:<tag>` of the built-in catalogue -> the regional ECR URI.
// @throws ValueError when the built-in tables have no images for `region` (eu-west-2).
std::string resolve_builtin_image(const std::string& image, const std::string& region);
// Regions with Nova training images (the customizer refuses the others), sorted.
std::vector<std::string> supported_regions();
// The SDK-built image of the local evaluation templates (launch.md 1.2.4).
std::string local_eval_image(const std::string& region, Platform platform, Version version);

}  // namespace nova::recipes
