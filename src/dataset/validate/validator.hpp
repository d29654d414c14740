#pragma once
// A validator checks one record at a time against the rules of a training format.
// Records arrive parsed (simdjson DOM); every problem goes to the IssueSink with a
// field path, a stable rule id, a message and a one-line fix hint.

#include <memory>
#include <optional>
#include <simdjson.h>
#include <string_view>

#include "dataset/issue_sink.hpp"
#include "dataset/record.hpp"
#include "nova/enums.hpp"

namespace nova::dataset {

class Validator {
 public:
  virtual ~Validator() = default;
  // Checks one parsed record. Called in record order, once per record.
  virtual void check(simdjson::dom::element record, const RecordRef& ref, IssueSink& sink) = 0;
  // Called after the last record (dataset-wide rules).
  virtual void finish(IssueSink& /*sink*/) {}
  // "SFT", "RFT", "CPT", "DPO", "Evaluation BYOD": used in the success message.
  virtual std::string_view dataset_kind() const = 0;
};

// The validator for a method/model/task. Returns nullptr when the reference skips
// validation on purpose (LLM judge tasks); `skipped_reason` then says why.
// Throws ValueError for an unsupported combination (RFT on a Nova 1 model).
std::unique_ptr<Validator> make_validator(TrainingMethod method, Model model,
                                          std::optional<EvaluationTask> eval_task,
                                          std::string& skipped_reason);

}  // namespace nova::dataset
