// nova deploy status NAME|ARN [--json]
#include <iostream>
#include <memory>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "commands/deploy_support.hpp"
#include "refusal.hpp"

namespace nova::cli {
namespace {

struct DeployStatusArgs {
  std::string deployment;
  bool json{false};
  AwsFlags aws;
};

void run_deploy_status(const DeployStatusArgs& args) {
  exit_1_when_refused([&] {
    const DeploymentSummary s = describe_deployment(args.deployment, args.aws.options());
    if (args.json) {
      std::cout << deployment_json(s).dump() << "\n";
    } else {
      std::cout << deployment_text(s);
    }
    throw Exit{s.status == "Failed" ? kExitFailed : kExitOk};
  });
}

}  // namespace

void add_deploy_status_command(CLI::App& deploy) {
  auto args = std::make_shared<DeployStatusArgs>();
  CLI::App* cmd = deploy.add_subcommand("status", "Show a deployment's status and lineage (which training run it serves)");
  cmd->add_option("DEPLOYMENT", args->deployment, "The deployment's name or ARN")->required();
  cmd->add_flag("--json", args->json,
                "Print one JSON object: endpoint_name, platform, uri, model_artifact_path, created_at, status, lineage");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "The lineage reads: training job -> checkpoint -> imported model -> deployment.\n"
      "Exit codes: 0 found (any status but Failed), 1 failed, not found or AWS refused, 2 usage.\n"
      "Example:\n  nova deploy status nova-micro-sft-lora-us-east-1 --json");
  cmd->callback([args] { run_deploy_status(*args); });
}

}  // namespace nova::cli
