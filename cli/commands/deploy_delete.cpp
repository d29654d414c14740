// nova deploy delete NAME|ARN [--yes] [--json] [--poll-interval S] [--max-errors N] [--error-timeout S]
#include <unistd.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "commands/deploy_support.hpp"
#include "nova/deploy.hpp"
#include "refusal.hpp"
#include "terminal.hpp"
#include "wait_budget_flags.hpp"

namespace nova::cli {
namespace {

struct DeployDeleteArgs {
  std::string deployment;
  bool yes{false};
  bool json{false};
  double poll_interval{30.0};
  WaitBudgetFlags errors;
  AwsFlags aws;
};

void run_deploy_delete(const DeployDeleteArgs& args) {
  exit_1_when_refused([&] {
    const AwsOptions aws = args.aws.options();
    const EndpointInfo endpoint = find_deployment(args.deployment, aws);
    if (!args.yes) {
      if (!live_terminal(STDIN_FILENO)) {
        throw CLI::ValidationError("--yes", "deleting without a terminal to confirm on needs --yes");
      }
      std::cerr << "Delete " << to_string(endpoint.platform) << " deployment " << endpoint.endpoint_name << " ("
                << endpoint.uri << ")? [y/N] " << std::flush;
      std::string answer;
      std::getline(std::cin, answer);
      if (answer != "y" && answer != "Y" && answer != "yes") {
        std::cerr << "Not deleted.\n";
        throw Exit{kExitFailed};
      }
    }
    DeployWaitOptions wait;
    wait.poll_interval = std::chrono::milliseconds(static_cast<long long>(args.poll_interval * 1000.0));
    wait.progress = wait_progress_printer();
    wait.errors = args.errors.budget();
    delete_deployment(endpoint, wait, aws);
    if (args.json) {
      std::cout << nlohmann::ordered_json{{"endpoint_name", endpoint.endpoint_name}, {"platform", to_string(endpoint.platform)},
                                          {"uri", endpoint.uri}, {"deleted", true}}.dump()
                << '\n';
      return;
    }
    std::cout << "Deleted " << endpoint.endpoint_name << " (" << endpoint.uri << ")\n";
  });
}

}  // namespace

void add_deploy_delete_command(CLI::App& deploy) {
  auto args = std::make_shared<DeployDeleteArgs>();
  CLI::App* cmd = deploy.add_subcommand("delete", "Delete a deployment and wait until it is gone");
  cmd->add_option("DEPLOYMENT", args->deployment, "The deployment's name or ARN")->required();
  cmd->add_flag("--yes", args->yes, "Do not ask for confirmation (required without a terminal)");
  cmd->add_flag("--json", args->json, "Print one JSON object: {endpoint_name, platform, uri, deleted}");
  cmd->add_option("--poll-interval", args->poll_interval, "Seconds between checks while waiting")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  add_wait_budget_flags(*cmd, args->errors, "While waiting: ");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "The imported custom model is kept (deploy it again without a new import). A provisioned throughput still\n"
      "within its commitment term cannot be deleted until the term ends.\n"
      "Exit codes: 0 deleted, 1 not found, refused or AWS failed, 2 usage (no --yes without a terminal).\n"
      "Example:\n  nova deploy delete my-endpoint --yes --json");
  cmd->callback([args] { run_deploy_delete(*args); });
}

}  // namespace nova::cli
