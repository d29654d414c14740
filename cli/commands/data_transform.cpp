// nova data transform IN OUT --method M --model M [--map standard=column ...] [--json]
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/dataset.hpp"

namespace nova::cli {
namespace {

struct TransformArgs {
  std::string in;
  std::string out;
  std::string method;
  std::string model;
  std::vector<std::string> maps;
  bool json{false};
};

void run_transform(const TransformArgs& args) {
  const auto method = parse_method_option(args.method);
  const auto model = parse_model_option(args.model);
  DatasetLoader loader = make_loader_for_path(args.in, parse_mappings(args.maps));
  loader.load(args.in);
  loader.transform(method, model);
  const std::string written = loader.save_data(args.out);
  if (args.json) {
    std::cout << nlohmann::ordered_json{{"path", written}, {"method", to_string(method)}, {"model", to_string(model)}}.dump()
              << '\n';
    return;
  }
  std::cerr << fmt::format("wrote {} ({} for {})\n", written, to_string(method), to_string(model));
}

}  // namespace

void add_data_transform_command(CLI::App& data) {
  auto args = std::make_shared<TransformArgs>();
  CLI::App* cmd = data.add_subcommand("transform", "Convert a dataset to the format a training method needs");
  cmd->add_option("IN", args->in, "Input dataset (.jsonl, .json or .csv; a path or s3://bucket/key)")->required();
  cmd->add_option("OUT", args->out, "Output (.jsonl or .json; a path or s3://bucket/key), written atomically")->required();
  cmd->add_option("--method", args->method, "Training method (e.g. SFT_LORA, RFT_LORA, CPT, EVALUATION)")->required();
  cmd->add_option("--model", args->model, "Model (e.g. NOVA_LITE_2)")->required();
  cmd->add_option("--map", args->maps, "Column mapping standard=column, repeatable (e.g. --map question=prompt)");
  cmd->add_flag("--json", args->json, "Print one JSON object on stdout: {path, method, model}");
  cmd->footer(
      "Example:\n  nova data transform qa.csv train.jsonl --method sft_lora --model nova-lite-2 \\\n"
      "      --map question=input --map answer=output");
  cmd->callback([args] { run_transform(*args); });
}

}  // namespace nova::cli
