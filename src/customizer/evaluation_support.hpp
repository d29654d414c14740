#pragma once
// Pieces evaluate() and batch_inference() share: the BYOD data check before launch, where an
// evaluation's outputs land, and the runtime's instance count kept for the training jobs.

#include <string>

#include "nova/enums.hpp"

namespace nova {
class RuntimeManager;
}

namespace nova::customizer {

// Validates a `.jsonl` object with the dataset engine (every record is streamed: the whole
// file is checked, one record in memory at a time, so the job never starts on data it would
// reject at line 10 000). Anything else (a prefix, another extension) is not validated: a
// warning says so. @throws ValidationError naming file:line of each invalid record,
// DataPrepError when the object cannot be read.
void validate_byod_data(const std::string& s3_path, Model model, EvaluationTask task);

// `<output>/<job_id>` with the output's trailing '/' removed.
std::string job_output_prefix(const std::string& output_s3_path, const std::string& job_id);

// An evaluation recipe has its own replicas (1): the runtime manager is shared with the
// customizer's training jobs, so its instance count is restored when the scope ends.
class ScopedInstanceCount {
 public:
  explicit ScopedInstanceCount(RuntimeManager& infra);
  ~ScopedInstanceCount();
  ScopedInstanceCount(const ScopedInstanceCount&) = delete;
  ScopedInstanceCount& operator=(const ScopedInstanceCount&) = delete;

 private:
  RuntimeManager& infra_;
  int saved_;
};

}  // namespace nova::customizer
