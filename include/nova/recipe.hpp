#pragma once
/// @file
/// Recipes: what `nova recipe show` prints — the resolved recipe of a model, method and
/// platform, where it came from, and the keys that can be overridden.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nova/aws.hpp"
#include "nova/enums.hpp"
#include "nova/value.hpp"

namespace nova {

struct RecipeQuery {
  Model model{Model::NOVA_LITE_2};
  TrainingMethod method{TrainingMethod::SFT_LORA};
  Platform platform{Platform::SMTJ};
  std::optional<std::string> instance_type;  ///< default: the recipe's first supported type
  std::optional<int> instance_count;         ///< default: the recipe's instance count
  std::optional<EvaluationTask> eval_task;   ///< required for EVALUATION
  std::optional<std::string> region;         ///< default: the AWS session's region, else us-east-1
  std::map<std::string, Value> overrides;
  std::string job_name{"my-job"};
  bool offline{false};  ///< never call the hub: cache, then the built-in catalogue
};

/// One key of a recipe's override schema.
struct RecipeParameter {
  std::string key;
  std::string type;  ///< "string", "integer", "float", "boolean", "list", or "" (unchecked)
  Value default_value;
  std::optional<double> min, max;
  std::optional<std::vector<Value>> allowed;  ///< enum
  bool required{false};
};

struct RecipeInfo {
  std::string yaml;
  std::string recipe_name;
  std::string origin;  ///< "hub <version>", "cache <version>", "built-in catalogue (hub unreachable: ...)"
  std::string hub_content_version;
  std::string image_uri;
  std::string instance_type;
  int instance_count{1};
  std::vector<RecipeParameter> parameters;
};

/// Resolves the recipe without launching anything or writing a file.
/// @throws ValueError naming what is wrong and what would be valid.
RecipeInfo describe_recipe(const RecipeQuery& query);

/// What `nova recipe export` reads: the live SageMaker Public Hub content of these models.
struct RecipeExportOptions {
  std::string out_dir;
  std::vector<Model> models;  ///< empty: every model
  AwsOptions aws;             ///< the region whose hub (and images) are exported
};

/// One exported hub content.
struct RecipeExportContent {
  std::string hub_content_name;
  std::string version;
  int recipes{0};
  std::vector<std::string> skipped;  ///< "<recipe>: <why>" for entries whose files could not be read
};

struct RecipeExportReport {
  std::string region;
  std::vector<RecipeExportContent> contents;
  std::map<std::string, std::string> image_accounts;  ///< region -> ECR account of the images named
  std::vector<std::string> files;                     ///< written, relative to out_dir
};

/// Writes the hub's recipe documents, templates and override files to `out_dir` in the
/// layout of the built-in catalogue (data/recipes), for a maintainer to review and commit.
/// @throws ConfigError without AWS configuration; ServiceError when the hub cannot be read
RecipeExportReport export_recipe_catalogue(const RecipeExportOptions& options);

}  // namespace nova
