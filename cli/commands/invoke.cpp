// nova invoke NAME|ARN "PROMPT" [--system TEXT] [--max-tokens N] [--temperature T] [--json]
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "aws_flags.hpp"
#include "commands/commands.hpp"
#include "nova/deploy.hpp"
#include "nova/invoke.hpp"
#include "refusal.hpp"

namespace nova::cli {
namespace {

struct InvokeArgs {
  std::string deployment, prompt;
  std::optional<std::string> system;
  std::optional<int> max_tokens;
  std::optional<double> temperature;
  bool json{false};
  AwsFlags aws;
};

void run_invoke(const InvokeArgs& args) {
  exit_1_when_refused([&] {
    const AwsOptions aws = args.aws.options();
    const EndpointInfo endpoint = find_deployment(args.deployment, aws);
    InferenceConfig config;
    config.system = args.system;
    config.max_tokens = args.max_tokens;
    config.temperature = args.temperature;
    if (args.json) {
      const InvokeResult r = invoke(endpoint, args.prompt, config, aws);
      const nlohmann::ordered_json out = {
          {"endpoint_name", endpoint.endpoint_name},
          {"platform", std::string(to_string(endpoint.platform))},
          {"uri", endpoint.uri},
          {"text", r.text},
          {"stop_reason", r.stop_reason},
          {"usage",
           {{"input_tokens", r.usage.input_tokens},
            {"output_tokens", r.usage.output_tokens},
            {"total_tokens", r.usage.total_tokens}}}};
      std::cout << out.dump() << "\n";
      return;
    }
    // Text mode streams: the answer appears as the model writes it.
    (void)invoke_stream(endpoint, {{"user", args.prompt}}, [](std::string_view text) { std::cout << text << std::flush; },
                        config, aws);
    std::cout << "\n";
  });
}

}  // namespace

void add_invoke_command(CLI::App& app) {
  auto args = std::make_shared<InvokeArgs>();
  CLI::App* cmd = app.add_subcommand("invoke", "Ask a deployed model (Bedrock OD/PT deployment or SageMaker endpoint)");
  cmd->add_option("DEPLOYMENT", args->deployment, "The deployment's name or ARN (as 'nova deploy list' shows)")
      ->required();
  cmd->add_option("PROMPT", args->prompt, "The user message")->required();
  cmd->add_option("--system", args->system, "A system prompt");
  cmd->add_option("--max-tokens", args->max_tokens, "The most tokens to generate")->check(CLI::PositiveNumber);
  cmd->add_option("--temperature", args->temperature, "Sampling temperature (0-2)")->check(CLI::Range(0.0, 2.0));
  cmd->add_flag("--json", args->json,
                "Print one JSON object: endpoint_name, platform, uri, text, stop_reason, usage "
                "{input_tokens, output_tokens, total_tokens}");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "Bedrock deployments are asked through Converse (ConverseStream without --json), SageMaker endpoints through\n"
      "InvokeEndpoint (InvokeEndpointWithResponseStream without --json).\n"
      "Exit codes: 0 answered, 1 no such deployment or AWS refused, 2 usage error.\n"
      "Example:\n  nova invoke nova-micro-sft-lora-us-east-1 \"Summarise our refund policy\" --max-tokens 200");
  cmd->callback([args] { run_invoke(*args); });
}

}  // namespace nova::cli
