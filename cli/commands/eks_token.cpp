// nova eks token --cluster-name C [--region R] [--profile P]
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "nova/eks.hpp"

namespace nova::cli {
namespace {

struct EksTokenArgs {
  std::string cluster_name;
  std::string profile;
  std::string region;
};

constexpr const char* kDefaultApiVersion = "client.authentication.k8s.io/v1beta1";

// kubectl tells an exec plugin which ExecCredential version it wants in KUBERNETES_EXEC_INFO.
std::string requested_api_version() {
  const char* info = std::getenv("KUBERNETES_EXEC_INFO");
  if (info == nullptr) return kDefaultApiVersion;
  const auto doc = nlohmann::json::parse(info, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("apiVersion") || !doc["apiVersion"].is_string()) return kDefaultApiVersion;
  const std::string version = doc["apiVersion"].get<std::string>();
  for (const char* known : {"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1",
                            "client.authentication.k8s.io/v1alpha1"}) {
    if (version == known) return version;
  }
  return kDefaultApiVersion;
}

void run_eks_token(const EksTokenArgs& args) {
  AwsOptions options;
  if (!args.profile.empty()) options.profile = args.profile;
  if (!args.region.empty()) options.region = args.region;
  std::cout << exec_credential_json(eks_get_token(args.cluster_name, options), requested_api_version()) << '\n';
}

}  // namespace

void add_eks_token_command(CLI::App& eks) {
  auto args = std::make_shared<EksTokenArgs>();
  CLI::App* cmd = eks.add_subcommand("token", "Print an EKS bearer token as a kubectl ExecCredential");
  cmd->add_option("--cluster-name", args->cluster_name, "EKS cluster name (not the HyperPod cluster name)")->required();
  cmd->add_option("--profile", args->profile, "AWS profile (default: AWS_PROFILE, else 'default')");
  cmd->add_option("--region", args->region, "AWS region of the cluster (default: AWS_REGION, the profile)");
  cmd->footer(
      "Signs the token offline (no AWS call); it is valid for 15 minutes. In a kubeconfig user entry:\n"
      "  exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: nova,\n"
      "         args: [eks, token, --cluster-name, my-eks]}\n"
      "Exit codes: 0 ok, 2 usage or configuration error (no region, no credentials).\n"
      "Example:\n  nova eks token --cluster-name my-eks --region us-east-1");
  cmd->callback([args] { run_eks_token(*args); });
}

}  // namespace nova::cli
