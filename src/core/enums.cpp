#include "nova/enums.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/text.hpp"
#include "nova/error.hpp"

namespace nova::embedded {
extern const std::string_view models_table;
}

namespace nova {
namespace {

template <typename E, std::size_t N>
struct NameTable {
  std::array<std::pair<E, std::string_view>, N> entries;
  std::string_view name(E v) const {
    for (const auto& [e, n] : entries)
      if (e == v) return n;
    return "?";
  }
  std::optional<E> parse(std::string_view text) const {
    for (const auto& [e, n] : entries)
      if (core::equals_name(n, text)) return e;
    return std::nullopt;
  }
  std::vector<std::string_view> names() const {
    std::vector<std::string_view> out;
    for (const auto& entry : entries) out.push_back(entry.second);
    return out;
  }
};

constexpr NameTable<Model, 4> kModels{{{{Model::NOVA_MICRO, "NOVA_MICRO"},
                                        {Model::NOVA_LITE, "NOVA_LITE"},
                                        {Model::NOVA_LITE_2, "NOVA_LITE_2"},
                                        {Model::NOVA_PRO, "NOVA_PRO"}}}};
constexpr NameTable<TrainingMethod, 8> kMethods{{{{TrainingMethod::CPT, "CPT"},
                                                  {TrainingMethod::DPO_LORA, "DPO_LORA"},
                                                  {TrainingMethod::DPO_FULL, "DPO_FULL"},
                                                  {TrainingMethod::SFT_LORA, "SFT_LORA"},
                                                  {TrainingMethod::SFT_FULL, "SFT_FULL"},
                                                  {TrainingMethod::RFT_LORA, "RFT_LORA"},
                                                  {TrainingMethod::RFT_FULL, "RFT_FULL"},
                                                  {TrainingMethod::EVALUATION, "EVALUATION"}}}};
constexpr NameTable<EvaluationTask, 12> kTasks{{{{EvaluationTask::MMLU, "MMLU"},
                                                 {EvaluationTask::MMLU_PRO, "MMLU_PRO"},
                                                 {EvaluationTask::BBH, "BBH"},
                                                 {EvaluationTask::GPQA, "GPQA"},
                                                 {EvaluationTask::MATH, "MATH"},
                                                 {EvaluationTask::STRONG_REJECT, "STRONG_REJECT"},
                                                 {EvaluationTask::GEN_QA, "GEN_QA"},
                                                 {EvaluationTask::IFEVAL, "IFEVAL"},
                                                 {EvaluationTask::MMMU, "MMMU"},
                                                 {EvaluationTask::LLM_JUDGE, "LLM_JUDGE"},
                                                 {EvaluationTask::RUBRIC_LLM_JUDGE, "RUBRIC_LLM_JUDGE"},
                                                 {EvaluationTask::RFT_EVAL, "RFT_EVAL"}}}};
constexpr NameTable<Platform, 2> kPlatforms{{{{Platform::SMTJ, "SMTJ"}, {Platform::SMHP, "SMHP"}}}};
constexpr NameTable<DeployPlatform, 3> kDeployPlatforms{{{{DeployPlatform::BEDROCK_OD, "BEDROCK_OD"},
                                                          {DeployPlatform::BEDROCK_PT, "BEDROCK_PT"},
                                                          {DeployPlatform::SAGEMAKER, "SAGEMAKER"}}}};
constexpr NameTable<DeploymentMode, 2> kDeploymentModes{
    {{{DeploymentMode::FAIL_IF_EXISTS, "FAIL_IF_EXISTS"}, {DeploymentMode::UPDATE_IF_EXISTS, "UPDATE_IF_EXISTS"}}}};
constexpr NameTable<JobStatus, 3> kJobStatuses{
    {{{JobStatus::IN_PROGRESS, "IN_PROGRESS"}, {JobStatus::COMPLETED, "COMPLETED"}, {JobStatus::FAILED, "FAILED"}}}};

const std::vector<ModelInfo>& model_table() {
  static const std::vector<ModelInfo> table = [] {
    std::vector<ModelInfo> rows;
    const auto json = nlohmann::json::parse(embedded::models_table);
    for (const auto& row : json) {
      const auto name = row.at("name").get<std::string>();
      const auto model = kModels.parse(name);
      if (!model) throw std::logic_error("data/models.json names an unknown model " + name);
      rows.push_back(ModelInfo{*model, name, row.at("value").get<std::string>(),
                               row.at("model_type").get<std::string>(), row.at("model_path").get<std::string>(),
                               row.at("version").get<int>() == 2 ? Version::TWO : Version::ONE,
                               row.at("display_name").get<std::string>(), row.at("hub_content_name").get<std::string>()});
    }
    return rows;
  }();
  return table;
}

}  // namespace

const ModelInfo& model_info(Model model) {
  for (const auto& row : model_table())
    if (row.model == model) return row;
  throw std::logic_error("model missing from data/models.json");
}

Version model_version(Model model) { return model_info(model).version; }

Model model_from_model_type(std::string_view model_type) {
  for (const auto& row : model_table())
    if (row.model_type == model_type) return row.model;
  throw ValueError("Unknown model type '" + std::string(model_type) + "'");
}

std::string_view to_string(Model v) { return kModels.name(v); }
std::string_view to_string(TrainingMethod v) { return kMethods.name(v); }
std::string_view to_string(EvaluationTask v) { return kTasks.name(v); }
std::string_view to_string(Platform v) { return kPlatforms.name(v); }
std::string_view to_string(DeployPlatform v) { return kDeployPlatforms.name(v); }
std::string_view to_string(DeploymentMode v) { return kDeploymentModes.name(v); }
std::string_view to_string(JobStatus v) { return kJobStatuses.name(v); }
std::string_view to_string(Version v) { return v == Version::ONE ? "ONE" : "TWO"; }

std::string_view value_of(TrainingMethod v) {
  static const auto lowered = [] {
    std::array<std::string, 8> out;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = core::ascii_lower(kMethods.entries[i].second);
    return out;
  }();
  return lowered[static_cast<std::size_t>(v)];
}

std::string_view value_of(EvaluationTask v) {
  static const auto lowered = [] {
    std::array<std::string, 12> out;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = core::ascii_lower(kTasks.entries[i].second);
    return out;
  }();
  return lowered[static_cast<std::size_t>(v)];
}

std::optional<Model> parse_model(std::string_view text) {
  if (auto m = kModels.parse(text)) return m;
  for (const auto& row : model_table())
    if (row.model_type == text || core::equals_name(row.value, text)) return row.model;
  return std::nullopt;
}
std::optional<TrainingMethod> parse_training_method(std::string_view text) { return kMethods.parse(text); }
std::optional<EvaluationTask> parse_evaluation_task(std::string_view text) { return kTasks.parse(text); }

std::vector<std::string_view> all_model_names() { return kModels.names(); }
std::vector<std::string_view> all_training_method_names() { return kMethods.names(); }
std::vector<std::string_view> all_evaluation_task_names() { return kTasks.names(); }

}  // namespace nova
