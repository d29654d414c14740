#pragma once
// Which model an evaluation or batch-inference job runs (launch.md 4.4): an explicit
// model_path, else the checkpoint of a finished training job (its manifest.json), else the
// customizer's model_path, else the checkpoint of the customizer's last training job, else
// the base model. Escrow checkpoints only run on the platform that wrote them.

#include <memory>
#include <optional>
#include <string>

#include "nova/enums.hpp"

namespace nova {
class TrainingResult;
}
namespace nova::aws {
class S3Client;
}

namespace nova::customizer {

// The platform an escrow checkpoint belongs to, from its bucket name: "-smtj-" or "-hp-".
std::optional<Platform> checkpoint_platform(const std::string& checkpoint_uri);

// @throws ValueError "Platform mismatch: ..." when the checkpoint was written by the other
//   platform; an unrecognised bucket only logs a warning. `source` names where it came from.
void check_checkpoint_platform(const std::string& checkpoint_uri, Platform target, const std::string& source);

// `checkpoint_s3_bucket` of a finished job's manifest.json: SMTJ inside
// `<output>/<job_id>/output/output.tar.gz`, SMHP at `<output>/<job_id>/manifest.json`.
// @throws ValueError naming the job and the object when the output, the manifest or the key is missing
std::string checkpoint_from_manifest(aws::S3Client& s3, Platform platform, const std::string& output_s3_path,
                                     const std::string& job_id);

struct ModelPathInputs {
  std::optional<std::string> explicit_path;
  std::shared_ptr<TrainingResult> job_result;
  std::optional<std::string> customizer_model_path;
  std::optional<std::string> last_job_id;  // the customizer's last training job
  std::string output_s3_path;              // where the customizer's jobs write
  Platform target{Platform::SMTJ};
};

struct ResolvedModelPath {
  std::optional<std::string> path;  // none: the base model
  std::string source;               // "model_path", "job_result <id>", ... for messages
};

// @throws ValueError job_result not COMPLETED, unreadable manifest, platform mismatch
ResolvedModelPath resolve_model_path(aws::S3Client& s3, const ModelPathInputs& in);

}  // namespace nova::customizer
