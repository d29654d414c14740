// nova deploy list [--json]
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "aws_flags.hpp"
#include "commands/commands.hpp"
#include "commands/deploy_support.hpp"
#include "refusal.hpp"

namespace nova::cli {
namespace {

struct DeployListArgs {
  bool json{false};
  AwsFlags aws;
};

void run_deploy_list(const DeployListArgs& args) {
  exit_1_when_refused([&] {
    const auto all = list_deployments(args.aws.options());
    if (args.json) {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const auto& s : all) out.push_back(deployment_json(s));
      std::cout << out.dump() << "\n";
      return;
    }
    if (all.empty()) {
      std::cout << "No deployments in this region.\n";
      return;
    }
    std::cout << fmt::format("{:<40} {:<11} {:<10} {:<21} {}\n", "NAME", "PLATFORM", "STATUS", "CREATED", "URI");
    for (const auto& s : all) {
      std::cout << fmt::format("{:<40} {:<11} {:<10} {:<21} {}\n", s.endpoint.endpoint_name, to_string(s.endpoint.platform),
                               s.status, s.created_at, s.endpoint.uri);
    }
  });
}

}  // namespace

void add_deploy_list_command(CLI::App& deploy) {
  auto args = std::make_shared<DeployListArgs>();
  CLI::App* cmd = deploy.add_subcommand("list", "List Bedrock OD deployments, provisioned throughput and SageMaker endpoints");
  cmd->add_flag("--json", args->json, "Print a JSON array of the objects 'nova deploy status --json' prints");
  add_aws_flags(*cmd, args->aws);
  cmd->footer("Exit codes: 0 listed, 1 AWS refused, 2 usage.\nExamples:\n  nova deploy list\n  nova deploy list --json --region us-west-2");
  cmd->callback([args] { run_deploy_list(*args); });
}

}  // namespace nova::cli
