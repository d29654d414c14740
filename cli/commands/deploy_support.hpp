#pragma once
// What the `nova deploy` subcommands share: the platform and mode options, the JSON object
// and the text block of a deployment, and the lineage line.

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "nova/deploy.hpp"

namespace nova::cli {

// Spec names, case-insensitive ("bedrock_od", "BEDROCK-PT"). Throws CLI::ValidationError.
DeployPlatform parse_deploy_platform_option(const std::string& text);
DeploymentMode parse_deployment_mode_option(const std::string& text);

// {endpoint_name, platform, uri, model_artifact_path, created_at, status, lineage{...}}.
nlohmann::ordered_json deployment_json(const DeploymentSummary& s);
// "training job J -> checkpoint C -> imported model M -> deployment D" (unknown parts say so).
std::string lineage_line(const DeploymentLineage& lineage);
// Several "key: value" lines under the deployment's name.
std::string deployment_text(const DeploymentSummary& s);

// The progress of deploy waits on stderr: one rewritten line on a live terminal
// (cli/terminal's rules), else a plain line each time the status changes.
std::function<void(const DeployWaitProgress&)> wait_progress_printer();

}  // namespace nova::cli
