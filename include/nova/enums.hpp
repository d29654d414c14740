#pragma once
/// @file
/// The specification's enums: Model, TrainingMethod, EvaluationTask, Platform, ...
/// Names parse case-insensitively, with `-` and `_` interchangeable (`nova-lite-2`).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nova {

enum class Version { ONE = 1, TWO = 2 };

enum class Model { NOVA_MICRO, NOVA_LITE, NOVA_LITE_2, NOVA_PRO };

enum class TrainingMethod { CPT, DPO_LORA, DPO_FULL, SFT_LORA, SFT_FULL, RFT_LORA, RFT_FULL, EVALUATION };

enum class EvaluationTask {
  MMLU, MMLU_PRO, BBH, GPQA, MATH, STRONG_REJECT, GEN_QA, IFEVAL, MMMU, LLM_JUDGE, RUBRIC_LLM_JUDGE, RFT_EVAL
};

enum class Platform { SMTJ, SMHP };
enum class DeployPlatform { BEDROCK_OD, BEDROCK_PT, SAGEMAKER };
enum class DeploymentMode { FAIL_IF_EXISTS, UPDATE_IF_EXISTS };
enum class JobStatus { IN_PROGRESS, COMPLETED, FAILED };

/// Facts about a model, from the models table (data/models.json).
struct ModelInfo {
  Model model;
  std::string name;        ///< enum name, e.g. "NOVA_LITE_2"
  std::string value;       ///< enum value, e.g. "nova_lite_2"
  std::string model_type;  ///< e.g. "amazon.nova-2-lite-v1:0:256k"
  std::string model_path;  ///< e.g. "nova-lite-2/prod"
  Version version;
  std::string display_name;
  std::string hub_content_name;  ///< SageMaker Public Hub model, e.g. "nova-textgeneration-lite-v2"
};

const ModelInfo& model_info(Model model);
Version model_version(Model model);
/// @throws ValueError when no model has this model type
Model model_from_model_type(std::string_view model_type);

std::string_view to_string(Model v);
std::string_view to_string(TrainingMethod v);
std::string_view to_string(EvaluationTask v);
std::string_view to_string(Platform v);
std::string_view to_string(DeployPlatform v);
std::string_view to_string(DeploymentMode v);
std::string_view to_string(JobStatus v);
std::string_view to_string(Version v);

/// Lower-case values, as the reference SDK's enum `.value` ("sft_lora", "gen_qa").
std::string_view value_of(TrainingMethod v);
std::string_view value_of(EvaluationTask v);

/// Parse a name as users type it: `SFT_LORA`, `sft-lora`, `nova-lite-2`, `gen_qa`.
/// Models also accept their model type (`amazon.nova-micro-v1:0:128k`).
std::optional<Model> parse_model(std::string_view text);
std::optional<TrainingMethod> parse_training_method(std::string_view text);
std::optional<EvaluationTask> parse_evaluation_task(std::string_view text);

std::vector<std::string_view> all_model_names();
std::vector<std::string_view> all_training_method_names();
std::vector<std::string_view> all_evaluation_task_names();

}  // namespace nova
