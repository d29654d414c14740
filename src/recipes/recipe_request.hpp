#pragma once
// What the customizer asks the recipe engine for, and what it gets back.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nova/enums.hpp"
#include "nova/value.hpp"

namespace nova::recipes {

struct RecipeRequest {
  Model model{Model::NOVA_LITE_2};
  TrainingMethod method{TrainingMethod::SFT_LORA};
  Platform platform{Platform::SMTJ};
  std::string region{"us-east-1"};
  std::optional<std::string> instance_type;  // default: the selected recipe's first supported type
  std::optional<int> instance_count;         // default: the recipe's instance count
  std::string job_name{"my-job"};
  std::optional<std::string> model_path;  // default: the model's own path
  std::string data_s3_path;
  std::string output_s3_path;
  std::string validation_data_s3_path;  // CPT on Nova 2
  std::string rft_lambda_arn;
  std::string mlflow_tracking_uri, mlflow_experiment_name, mlflow_run_name;
  std::optional<EvaluationTask> eval_task;
  std::optional<std::string> subtask;
  std::map<std::string, Value> processor;  // gen_qa: lambda_arn, lambda_type, preprocessing, ...
  std::map<std::string, Value> rl_env;     // rft_eval: reward_lambda_arn
  std::optional<std::string> recipe_path;  // user's recipe file, local or s3://
  std::map<std::string, Value> overrides;
  bool data_mixing{false};
  std::map<std::string, double> data_mixing_config;
  std::optional<std::string> recipe_name;            // pin one catalogue recipe by name
  std::optional<std::string> generated_recipe_dir;  // directory for the written recipe
  bool write_file{true};
  // A job is about to start: inputs only the job needs (the RFT reward Lambda) must be set.
  // False for previews (`nova recipe show`, the customizer's construction-time check).
  bool for_launch{true};
};

struct ResolvedParam {
  std::string key;
  std::string type;
  Value default_value;
  std::optional<double> min, max;
  std::optional<std::vector<Value>> allowed;
  bool required{false};
};

struct ResolvedRecipe {
  std::string yaml;
  std::string recipe_name;
  std::string image_uri;
  std::string instance_type;
  int instance_count{1};
  std::string output_s3_path;
  std::string data_s3_path;
  std::string origin;               // "hub 1.0.20", "cache 1.0.20", "built-in catalogue (...)"
  std::string hub_content_version;  // "built-in" for the embedded catalogue
  std::vector<ResolvedParam> parameters;
  std::string file_path;  // where the recipe was written ("" when write_file is false)
  std::string hyperpod_payload;  // the hub HpEksPayloadTemplate (HyperPod recipes from the hub or its cache)
};

// Hooks to the outside world the engine needs besides the catalogue.
struct RecipeHooks {
  // Reads an s3:// object (recipe_path on S3).
  std::function<std::string(const std::string& s3_uri)> read_s3_object;
  // Checks that an s3:// model_name_or_path exists (HeadObject); throws ValueError if not.
  std::function<void(const std::string& s3_uri)> check_model_path;
};

}  // namespace nova::recipes
