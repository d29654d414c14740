#include "runtime/job_name.hpp"

#include <fmt/format.h>

#include <regex>

#include "aws/core/sigv4/crypto.hpp"
#include "nova/runtime.hpp"
#include "runtime/smtj_defaults.hpp"

namespace nova {

void validate_smtj_job_name(std::string_view job_name) {
  const auto& pattern = runtime::smtj_defaults().job_name_pattern;
  static const std::regex re(pattern);
  if (!std::regex_match(job_name.begin(), job_name.end(), re)) {
    throw ValueError(fmt::format("Job name '{}' must fit pattern {}: 1 to 63 letters, digits or '-'.",
                                 job_name, pattern));
  }
}

std::string unique_job_name(std::string_view job_name) {
  return runtime::unique_job_name_with(job_name, aws::random_uuid());
}

}  // namespace nova

namespace nova::runtime {

std::string unique_job_name_with(std::string_view job_name, std::string_view uuid) {
  std::string name = fmt::format("{}-{}", job_name, uuid).substr(0, smtj_defaults().job_name_max_length);
  // The reference keeps a trailing '-' that SageMaker then refuses; a name cut there loses it.
  while (!name.empty() && name.back() == '-') name.pop_back();
  validate_smtj_job_name(name);
  return name;
}

}  // namespace nova::runtime
