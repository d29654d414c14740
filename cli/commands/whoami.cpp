// nova whoami [--json] [--profile P] [--region R]
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/aws.hpp"

namespace nova::cli {
namespace {

struct WhoamiArgs {
  bool json{false};
  std::string profile;
  std::string region;
};

void run_whoami(const WhoamiArgs& args) {
  AwsOptions options;
  if (!args.profile.empty()) options.profile = args.profile;
  if (!args.region.empty()) options.region = args.region;
  // Never a secret here: CallerIdentity holds none.
  const CallerIdentity id = whoami(options);
  if (args.json) {
    const nlohmann::ordered_json out = {
        {"account", id.account},
        {"arn", id.arn},
        {"user_id", id.user_id},
        {"region", id.region},
        {"profile", id.profile},
        {"credential_source", id.credential_source},
        {"endpoint", id.endpoint},
        {"s3_endpoint", id.s3_endpoint},
    };
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::cout << fmt::format(
      "Account:      {}\nARN:          {}\nUser ID:      {}\nRegion:       {} (from {})\nProfile:      {} (from {})\n"
      "Credentials:  {}\nSTS endpoint: {}\nS3 endpoint:  {}\n",
      id.account, id.arn, id.user_id, id.region, id.region_source, id.profile, id.profile_source, id.credential_source,
      id.endpoint, id.s3_endpoint);
}

}  // namespace

void add_whoami_command(CLI::App& app) {
  auto args = std::make_shared<WhoamiArgs>();
  CLI::App* cmd = app.add_subcommand("whoami", "Show the AWS account, identity, region and credential source in use");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->add_option("--profile", args->profile, "AWS profile (default: AWS_PROFILE, else 'default')");
  cmd->add_option("--region", args->region, "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile)");
  cmd->footer(
      "Exit codes: 0 ok, 1 AWS answered with an error, 2 usage or configuration error (no region, no credentials).\n"
      "Example:\n  nova whoami --json");
  cmd->callback([args] { run_whoami(*args); });
}

}  // namespace nova::cli
