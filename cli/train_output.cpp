#include "train_output.hpp"

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

namespace nova::cli {
namespace {

using Json = nlohmann::ordered_json;

Json optional_string(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json plan_json(const TrainingPlan& plan) {
  const bool has_request = !plan.request_json.empty();
  Json out;
  out["dry_run"] = true;
  out["job_name"] = plan.job_name;
  out["recipe"] = Json{{"name", plan.recipe_name},
                       {"origin", plan.recipe_origin},
                       {"file", plan.recipe_file},
                       {"yaml", plan.recipe_yaml}};
  out["request"] = has_request ? Json::parse(plan.request_json) : Json(nullptr);
  out["instance_type"] = plan.instance_type;
  out["instance_count"] = plan.instance_count;
  out["execution_role"] = plan.execution_role.empty() ? Json(nullptr) : Json(plan.execution_role);
  out["image_uri"] = plan.image_uri;
  out["data_s3_path"] = plan.data_s3_path;
  out["output_s3_path"] = plan.output_s3_path;
  if (!plan.hyperpod_objects_yaml.empty()) {
    out["hyperpod"] = Json{{"namespace", plan.hyperpod_namespace},
                           {"template", plan.hyperpod_template_origin},
                           {"objects_yaml", plan.hyperpod_objects_yaml}};
  }
  return out;
}

Json result_json(const TrainingResult& result, const std::string& result_file) {
  const auto& artifacts = result.model_artifacts();
  Json out;
  out["job_id"] = result.job_id();
  out["method"] = std::string(value_of(result.method()));
  out["started_time"] = to_python_isoformat(result.started_time());
  out["model_artifacts"] = Json{{"checkpoint_s3_path", optional_string(artifacts.checkpoint_s3_path)},
                                {"output_s3_path", optional_string(artifacts.output_s3_path)}};
  out["result_file"] = result_file;
  out["platform"] = std::string(to_string(result.platform()));
  return out;
}

}  // namespace

void print_training_plan(const TrainingPlan& plan, bool json) {
  if (json) {
    std::cout << plan_json(plan).dump(2) << '\n';
    return;
  }
  std::cout << fmt::format(
      "Dry run: all checks passed; nothing was created.\n"
      "Job name:       {}\n"
      "Recipe:         {} ({})\n"
      "Recipe file:    {}\n"
      "Image:          {}\n"
      "Instances:      {} x {}\n"
      "Execution role: {}\n"
      "Data:           {}\n"
      "Output:         {}\n",
      plan.job_name, plan.recipe_name, plan.recipe_origin, plan.recipe_file, plan.image_uri, plan.instance_count,
      plan.instance_type, plan.execution_role.empty() ? "-" : plan.execution_role,
      plan.data_s3_path.empty() ? "-" : plan.data_s3_path, plan.output_s3_path);
  std::cout << "\n--- resolved recipe ---\n" << plan.recipe_yaml;
  if (!plan.recipe_yaml.empty() && plan.recipe_yaml.back() != '\n') std::cout << '\n';
  if (!plan.request_json.empty()) {
    std::cout << "\n--- CreateTrainingJob request ---\n" << plan.request_json << '\n';
  } else if (!plan.hyperpod_objects_yaml.empty()) {
    std::cout << fmt::format("\n--- Kubernetes objects (namespace {}, from the {}) ---\n", plan.hyperpod_namespace,
                             plan.hyperpod_template_origin)
              << plan.hyperpod_objects_yaml;
  }
}

void print_training_result(const TrainingResult& result, const std::string& result_file, bool json) {
  if (json) {
    std::cout << result_json(result, result_file).dump(2) << '\n';
    return;
  }
  const auto& artifacts = result.model_artifacts();
  std::cout << fmt::format(
      "Started training job {} ({} on {})\n"
      "Started:     {}\n"
      "Output:      {}\n"
      "Checkpoint:  {}\n"
      "Result file: {}\n"
      "Follow it:   nova job status {} --watch\n",
      result.job_id(), to_string(result.method()), to_string(result.platform()),
      to_python_isoformat(result.started_time()), artifacts.output_s3_path.value_or("-"),
      artifacts.checkpoint_s3_path.value_or("(known once the job runs)"), result_file, result_file);
}

}  // namespace nova::cli
