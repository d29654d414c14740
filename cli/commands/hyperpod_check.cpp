// nova hyperpod check --cluster-name C --namespace N [--instance-type T --instance-count K] [--json]
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/runtime.hpp"
#include "refusal.hpp"

namespace nova::cli {
namespace {

struct HyperPodCheckArgs {
  std::string cluster_name, namespace_name{"kubeflow"};
  std::string instance_type;
  int instance_count{1};
  bool json{false};
  AwsFlags aws;
};

void run_hyperpod_check(const HyperPodCheckArgs& args) {
  exit_1_when_refused([&] {
    const bool instances = !args.instance_type.empty();
    const SMHPRuntimeManager manager(instances ? args.instance_type : "ml.p5.48xlarge", args.instance_count,
                                     args.cluster_name, args.namespace_name, std::nullopt, args.aws.options());
    const auto checks = manager.check_infrastructure(instances);
    bool ready = true;
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& check : checks) {
      ready = ready && check.ready;
      if (args.json) {
        out.push_back({{"check", check.name}, {"ready", check.ready}, {"detail", check.detail}});
      } else {
        std::cout << fmt::format("{:<8} {:<15} {}\n", check.ready ? "ready" : "MISSING", check.name, check.detail);
      }
    }
    if (args.json) {
      std::cout << nlohmann::ordered_json{{"cluster_name", args.cluster_name}, {"namespace", args.namespace_name},
                                          {"ready", ready}, {"checks", out}}.dump(2) << '\n';
    } else {
      std::cout << (ready ? "HyperPod cluster is ready for Nova jobs.\n" : "HyperPod cluster is not ready: fix what is MISSING above.\n");
    }
    throw Exit{ready ? kExitOk : kExitFailed};
  });
}

}  // namespace

void add_hyperpod_check_command(CLI::App& hyperpod) {
  auto args = std::make_shared<HyperPodCheckArgs>();
  CLI::App* cmd = hyperpod.add_subcommand("check", "Is a HyperPod cluster ready for Nova jobs? (the infra checks)");
  cmd->add_option("--cluster-name", args->cluster_name, "The HyperPod cluster")->required();
  cmd->add_option("--namespace", args->namespace_name, "The Kubernetes namespace jobs run in")->capture_default_str();
  cmd->add_option("--instance-type", args->instance_type,
                  "Also check a restricted instance group of this type (e.g. ml.p5.48xlarge)");
  cmd->add_option("--instance-count", args->instance_count, "With --instance-type: instances the job needs")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "One JSON object: {cluster_name, namespace, ready, checks: [{check, ready, detail}]}");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "Checks: the cluster exists and is orchestrated by EKS (its API server reachable with your credentials), a\n"
      "restricted instance group of the type has enough instances, the namespace exists, the PyTorchJob CRD is\n"
      "installed. Each line says ready or MISSING and what to fix.\n"
      "Exit codes: 0 ready, 1 something is missing (or AWS refused), 2 usage error or no credentials/region.\n"
      "Example:\n  nova hyperpod check --cluster-name my-hp --namespace kubeflow --instance-type ml.p5.48xlarge "
      "--instance-count 2");
  cmd->callback([args] { run_hyperpod_check(*args); });
}

}  // namespace nova::cli
