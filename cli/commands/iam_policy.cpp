// nova iam policy --for train|evaluate|deploy|hyperpod [run options] [--role | --caller | --trust]
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "commands/doctor_flags.hpp"
#include "nova/preflight.hpp"

namespace nova::cli {
namespace {

struct IamPolicyArgs {
  RunFlags run;
  std::string purpose;
  bool role{false}, caller{false}, trust{false};
};

PolicyPurpose parse_purpose(const std::string& text) {
  if (text == "train") return PolicyPurpose::TRAIN;
  if (text == "evaluate") return PolicyPurpose::EVALUATE;
  if (text == "deploy") return PolicyPurpose::DEPLOY;
  if (text == "hyperpod") return PolicyPurpose::HYPERPOD;
  throw CLI::ValidationError("--for", "'" + text + "' is not one of train, evaluate, deploy, hyperpod");
}

void run_iam_policy(const IamPolicyArgs& args) {
  PreflightRequest request = preflight_request(args.run);
  const PolicyPurpose purpose = parse_purpose(args.purpose);
  if (purpose == PolicyPurpose::DEPLOY && !request.deploy_platform) {
    throw CLI::ValidationError("--deploy-platform", "--for deploy needs --deploy-platform BEDROCK_OD, BEDROCK_PT or SAGEMAKER");
  }
  if (purpose == PolicyPurpose::HYPERPOD && !request.cluster_name) {
    throw CLI::ValidationError("--cluster-name", "--for hyperpod needs --cluster-name");
  }
  if (purpose == PolicyPurpose::EVALUATE && !request.method) request.method = TrainingMethod::EVALUATION;
  const int chosen = int(args.role) + int(args.caller) + int(args.trust);
  if (chosen == 1) {
    const PolicyKind kind = args.role ? PolicyKind::ROLE : args.caller ? PolicyKind::CALLER : PolicyKind::TRUST;
    std::cout << iam_policy_document(request, purpose, kind) << '\n';
    return;
  }
  // All three, each a document ready for `aws iam put-role-policy` / `create-role`.
  nlohmann::ordered_json all;
  all["caller"] = nlohmann::ordered_json::parse(iam_policy_document(request, purpose, PolicyKind::CALLER));
  all["role"] = nlohmann::ordered_json::parse(iam_policy_document(request, purpose, PolicyKind::ROLE));
  all["trust"] = nlohmann::ordered_json::parse(iam_policy_document(request, purpose, PolicyKind::TRUST));
  std::cout << all.dump(2) << '\n';
}

}  // namespace

void add_iam_policy_command(CLI::App& iam) {
  auto args = std::make_shared<IamPolicyArgs>();
  CLI::App* cmd = iam.add_subcommand("policy", "Least-privilege IAM policies for a planned run, with its exact ARNs");
  cmd->add_option("--for", args->purpose, "What the run does: train, evaluate, deploy, hyperpod")->required();
  add_run_flags(*cmd, args->run);
  auto* role = cmd->add_flag("--role", args->role, "Only the execution role's permissions policy");
  auto* caller = cmd->add_flag("--caller", args->caller, "Only the policy of whoever starts the run");
  auto* trust = cmd->add_flag("--trust", args->trust, "Only the execution role's trust policy");
  role->excludes(caller)->excludes(trust);
  caller->excludes(trust);
  cmd->footer(
      "Without --role/--caller/--trust: one JSON object {\"caller\", \"role\", \"trust\"} holding the three documents.\n"
      "Resources are this run's ARNs (account from sts:GetCallerIdentity). A '*' appears only where AWS offers no\n"
      "narrower resource (or a name was not given); such a statement's Sid ends in Wildcard<Reason>.\n"
      "Exit codes: 0 printed, 1 AWS refused, 2 usage or no region/credentials.\n"
      "Example:\n  nova iam policy --for train --job-name my-sft --data-s3-path s3://b/train.jsonl \\\n"
      "    --output-s3-path s3://b/out --execution-role arn:aws:iam::123456789012:role/NovaTraining --caller");
  cmd->callback([args] { run_iam_policy(*args); });
}

}  // namespace nova::cli
