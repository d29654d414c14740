// nova doctor [--platform SMTJ|SMHP] [--model M --method M] [--instance-type T --instance-count N]
//   [--data-s3-path S3 --output-s3-path S3] [--execution-role ARN] [--cluster-name C --namespace N]
//   [--deploy-platform P] [--json]
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "commands/doctor_flags.hpp"
#include "nova/preflight.hpp"

namespace nova::cli {
namespace {

struct DoctorArgs {
  RunFlags run;
  bool json{false};
};

void print_text(const PreflightReport& report) {
  int failed = 0, warned = 0;
  for (const auto& c : report.checks) {
    const char* label = c.status == CheckStatus::PASS ? "pass" : c.status == CheckStatus::WARN ? "WARN" : "FAIL";
    std::cout << fmt::format("{:<5} {:<28} {}\n", label, c.name, c.detail);
    if (!c.fix.empty()) std::cout << fmt::format("{:<34} fix: {}\n", "", c.fix);
    failed += c.status == CheckStatus::FAIL;
    warned += c.status == CheckStatus::WARN;
  }
  if (report.ok) {
    std::cout << fmt::format("Ready: no check failed ({} warning{}){}.\n", warned, warned == 1 ? "" : "s",
                             report.cached ? "; checked less than a minute ago" : "");
  } else {
    std::cout << fmt::format("Not ready: {} check{} failed; apply each fix above and run nova doctor again.\n", failed,
                             failed == 1 ? "" : "s");
  }
}

void run_doctor(const DoctorArgs& args) {
  const PreflightRequest request = preflight_request(args.run);
  const PreflightReport report = run_preflight(request);
  if (args.json) {
    std::cout << report.to_json() << '\n';
  } else {
    print_text(report);
  }
  throw Exit{report.ok ? kExitOk : kExitFailed};
}

}  // namespace

void add_doctor_command(CLI::App& app) {
  auto args = std::make_shared<DoctorArgs>();
  CLI::App* cmd = app.add_subcommand("doctor", "Will this run start? Pre-flight checks with a fix for each problem");
  add_run_flags(*cmd, args->run);
  cmd->add_flag("--json", args->json, R"(One JSON object: {"ok", "checks": [{"name", "status", "detail", "fix"}]})");
  cmd->footer(
      "Checks (only those the options make applicable): credentials; the region offers Nova customization;\n"
      "a recipe exists for model x method x platform and allows the instance type and count; the instance quota\n"
      "(Service Quotas) minus what running jobs, clusters or endpoints hold covers the count; the caller's\n"
      "permissions on the run's exact resources (IAM policy simulator); the execution role exists, trusts the\n"
      "service and its policies allow reading the data and writing the output; buckets exist in the run's\n"
      "region; the KMS key is enabled; the training data is valid for the method; HyperPod cluster readiness.\n"
      "A passing result is remembered for a minute, so a following 'nova train' of the same run skips the calls.\n"
      "Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 2 usage or no region/credentials config.\n"
      "Example:\n  nova doctor --model NOVA_LITE_2 --method SFT_LORA --instance-type ml.p5.48xlarge --instance-count 2 \\\n"
      "    --data-s3-path s3://my-bucket/train.jsonl --output-s3-path s3://my-bucket/out \\\n"
      "    --execution-role arn:aws:iam::123456789012:role/NovaTraining");
  cmd->callback([args] { run_doctor(*args); });
}

}  // namespace nova::cli
