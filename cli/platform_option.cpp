#include "platform_option.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace nova::cli {

Platform parse_platform_option(const std::string& text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "smtj") return Platform::SMTJ;
  if (lower == "smhp") return Platform::SMHP;
  throw CLI::ValidationError(
      "--platform", fmt::format("unknown platform '{}' (one of: smtj = SageMaker training jobs, smhp = HyperPod)", text));
}

}  // namespace nova::cli
