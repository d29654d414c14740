#include "job_lookup.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

#include "nova/runtime.hpp"

namespace nova::cli {

std::unique_ptr<BaseJobResult> find_job(const std::string& job, const AwsOptions& aws) {
  std::unique_ptr<BaseJobResult> result;
  std::error_code ec;
  if (std::filesystem::is_regular_file(job, ec)) {
    result = BaseJobResult::load(job);
  } else {
    try {
      validate_smtj_job_name(job);
    } catch (const ValueError&) {
      throw CLI::ValidationError(
          "JOB", fmt::format("'{}' is neither an existing result file nor a SageMaker training job name "
                             "(letters, digits and '-', at most 63)",
                             job));
    }
    // Only the status and the stop request are asked of it: DescribeTrainingJob and
    // StopTrainingJob need the name alone, so the method and start time are placeholders.
    result = std::make_unique<SMTJTrainingResult>(job, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA,
                                                  ModelArtifacts{});
  }
  result->set_aws_options(aws);
  return result;
}

}  // namespace nova::cli
