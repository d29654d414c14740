// Chooses what transform() does, as the reference does: look up the target format for
// the method/model, then watch every record once. When all of them already match the
// target schema the data passes through; otherwise the first converter whose source
// format matches every record is used (OpenAI messages for SFT, then the generic column
// mapper, which accepts anything).

#include <fmt/format.h>

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transformer.hpp"
#include "nova/error.hpp"

namespace nova::dataset {
namespace {

enum class Target { kSftNova1, kSftNova2, kRft, kEvaluation, kCpt };

// The reference's dispatch table; false for a combination it does not transform.
bool target_for(TrainingMethod method, Model model, Target& target) {
  switch (method) {
    case TrainingMethod::SFT_LORA:
    case TrainingMethod::SFT_FULL:
      target = model_version(model) == Version::TWO ? Target::kSftNova2 : Target::kSftNova1;
      return true;
    case TrainingMethod::RFT_LORA:
    case TrainingMethod::RFT_FULL:
      target = Target::kRft;
      return model == Model::NOVA_LITE_2;
    case TrainingMethod::EVALUATION:
      target = Target::kEvaluation;
      return true;
    case TrainingMethod::CPT:
      target = Target::kCpt;
      return true;
    case TrainingMethod::DPO_LORA:
    case TrainingMethod::DPO_FULL:
      return false;
  }
  return false;
}

Target checked_target(TrainingMethod method, Model model) {
  Target target{};
  if (!target_for(method, model, target)) {
    // Python renders the enums as "TrainingMethod.DPO_LORA" / "Model.NOVA_LITE".
    throw ValueError(
        fmt::format("The combination of training method TrainingMethod.{} and model Model.{} is not yet supported.\n"
                    "Note: RFT is only supported on Nova 2.0.",
                    to_string(method), to_string(model)));
  }
  return target;
}

bool matches_target(Target target, simdjson::dom::element record) noexcept {
  switch (target) {
    case Target::kSftNova1:
      return matches_sft_converse_schema(record, false);
    case Target::kSftNova2:
      return matches_sft_converse_schema(record, true);
    case Target::kRft:
      return matches_rft_openai_schema(record);
    case Target::kEvaluation:
      return matches_eval_gen_qa_schema(record);
    case Target::kCpt:
      return matches_cpt_schema(record);
  }
  return false;
}

}  // namespace

struct TransformPlanner::Impl {
  Target target;
  ColumnMappings mappings;
  bool all_in_target{true};
  bool all_openai;  // only SFT has an OpenAI converter
};

void check_transform_supported(TrainingMethod method, Model model) { checked_target(method, model); }

// Differs from the reference: an unsupported combination is refused before any record is
// read, so it also fails on an empty dataset (the reference returns early on empty data).
TransformPlanner::TransformPlanner(TrainingMethod method, Model model, ColumnMappings mappings) {
  const Target target = checked_target(method, model);
  impl_ = std::make_unique<Impl>(
      Impl{target, std::move(mappings), true, target == Target::kSftNova1 || target == Target::kSftNova2});
}

TransformPlanner::~TransformPlanner() = default;
TransformPlanner::TransformPlanner(TransformPlanner&&) noexcept = default;

void TransformPlanner::observe(simdjson::dom::element record) {
  Impl& p = *impl_;
  // Each check stops for good at its first mismatch, so a file in a source format costs
  // one failed check, not one per record.
  if (p.all_in_target) p.all_in_target = matches_target(p.target, record);
  if (p.all_openai) p.all_openai = matches_openai_messages_schema(record);
}

bool TransformPlanner::decided() const noexcept { return !impl_->all_in_target && !impl_->all_openai; }

std::unique_ptr<RecordTransformer> TransformPlanner::finish() {
  const Impl& p = *impl_;
  if (p.all_in_target) return nullptr;
  switch (p.target) {
    case Target::kSftNova1:
    case Target::kSftNova2: {
      const bool nova2 = p.target == Target::kSftNova2;
      if (p.all_openai) return make_openai_to_converse_transformer(nova2);
      return make_generic_sft_transformer(p.mappings, nova2);
    }
    case Target::kRft:
      return make_generic_rft_transformer(p.mappings);
    case Target::kEvaluation:
      return make_generic_eval_transformer(p.mappings);
    case Target::kCpt:
      return make_generic_cpt_transformer(p.mappings);
  }
  return nullptr;
}

}  // namespace nova::dataset
