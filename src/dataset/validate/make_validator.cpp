#include <fmt/format.h>

#include "dataset/validate/validators.hpp"
#include "nova/error.hpp"

namespace nova::dataset {

std::unique_ptr<Validator> make_validator(TrainingMethod method, Model model, std::optional<EvaluationTask> eval_task,
                                          std::string& skipped_reason) {
  switch (method) {
    case TrainingMethod::SFT_LORA:
    case TrainingMethod::SFT_FULL:
      return make_sft_validator(model);
    case TrainingMethod::RFT_LORA:
    case TrainingMethod::RFT_FULL:
      if (model != Model::NOVA_LITE_2) {
        throw ValueError(fmt::format(
            "RFT is only supported on Nova 2.0 Lite (NOVA_LITE_2). Current model: Model.{}. Please use "
            "Model.NOVA_LITE_2 for validating and using RFT datasets.",
            to_string(model)));
      }
      return make_rft_validator();
    case TrainingMethod::CPT:
      return make_cpt_validator();
    case TrainingMethod::EVALUATION:
      if (eval_task == EvaluationTask::LLM_JUDGE || eval_task == EvaluationTask::RUBRIC_LLM_JUDGE) {
        skipped_reason = "LLM Judge validation not yet implemented, skipping validation.";
        return nullptr;
      }
      return make_eval_validator();
    case TrainingMethod::DPO_LORA:
    case TrainingMethod::DPO_FULL:
      // The reference skips DPO; DPO is a Nova 1 technique (the AWS guides and the Bedrock
      // sample validator reject it for Nova 2 Lite), so that is refused up front like RFT on Nova 1.
      if (model_version(model) != Version::ONE) {
        throw ValueError(fmt::format(
            "DPO is only supported on Nova 1.0 models (NOVA_MICRO, NOVA_LITE, NOVA_PRO). Current model: Model.{}.",
            to_string(model)));
      }
      return make_dpo_validator(model);
  }
  throw ValueError(fmt::format("Unsupported training method: {}", to_string(method)));
}

}  // namespace nova::dataset
