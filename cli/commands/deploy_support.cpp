#include "commands/deploy_support.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>

#include "terminal.hpp"

namespace nova::cli {
namespace {

std::string normalised(std::string text) {
  for (char& c : text) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string elapsed_text(std::chrono::milliseconds elapsed) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

}  // namespace

DeployPlatform parse_deploy_platform_option(const std::string& text) {
  for (auto p : {DeployPlatform::BEDROCK_OD, DeployPlatform::BEDROCK_PT, DeployPlatform::SAGEMAKER}) {
    if (normalised(text) == to_string(p)) return p;
  }
  throw CLI::ValidationError("--platform", fmt::format("'{}' is not one of BEDROCK_OD, BEDROCK_PT, SAGEMAKER", text));
}

DeploymentMode parse_deployment_mode_option(const std::string& text) {
  for (auto m : {DeploymentMode::FAIL_IF_EXISTS, DeploymentMode::UPDATE_IF_EXISTS}) {
    if (normalised(text) == to_string(m)) return m;
  }
  throw CLI::ValidationError("--deployment-mode", fmt::format("'{}' is not one of FAIL_IF_EXISTS, UPDATE_IF_EXISTS", text));
}

nlohmann::ordered_json deployment_json(const DeploymentSummary& s) {
  const auto& l = s.lineage;
  return {{"endpoint_name", s.endpoint.endpoint_name},
          {"platform", std::string(to_string(s.endpoint.platform))},
          {"uri", s.endpoint.uri},
          {"model_artifact_path", s.endpoint.model_artifact_path},
          {"created_at", s.created_at},
          {"status", s.status},
          {"lineage",
           {{"training_job", l.training_job ? nlohmann::ordered_json(*l.training_job) : nlohmann::ordered_json(nullptr)},
            {"checkpoint", l.checkpoint},
            {"model_arn", l.model_arn},
            {"deployment_arn", l.deployment_arn}}}};
}

std::string lineage_line(const DeploymentLineage& l) {
  const auto part = [](const std::string& v) { return v.empty() ? std::string("(unknown)") : v; };
  return fmt::format("training job {} -> checkpoint {} -> imported model {} -> deployment {}",
                     part(l.training_job.value_or("")), part(l.checkpoint), part(l.model_arn), part(l.deployment_arn));
}

std::string deployment_text(const DeploymentSummary& s) {
  return fmt::format(
      "{} ({})\n  status:              {}\n  uri:                 {}\n  model_artifact_path: {}\n  created_at:          {}\n"
      "  lineage:             {}\n",
      s.endpoint.endpoint_name, to_string(s.endpoint.platform), s.status, s.endpoint.uri,
      s.endpoint.model_artifact_path.empty() ? "(unknown)" : s.endpoint.model_artifact_path, s.created_at,
      lineage_line(s.lineage));
}

std::function<void(const DeployWaitProgress&)> wait_progress_printer() {
  if (live_terminal(STDERR_FILENO)) {
    return [](const DeployWaitProgress& p) {
      std::fprintf(stderr, "\r\033[K%s: %s | elapsed %s%s", p.what.c_str(), p.status.c_str(),
                   elapsed_text(p.elapsed).c_str(), p.last ? "\n" : "");
      std::fflush(stderr);
    };
  }
  // Plain text for logs and pipes: the same line only when something changed.
  auto shown = std::make_shared<std::string>();
  return [shown](const DeployWaitProgress& p) {
    const std::string key = p.what + "\n" + p.status;
    if (key == *shown && !p.last) return;
    *shown = key;
    std::fprintf(stderr, "%s: %s | elapsed %s\n", p.what.c_str(), p.status.c_str(), elapsed_text(p.elapsed).c_str());
    std::fflush(stderr);
  };
}

}  // namespace nova::cli
