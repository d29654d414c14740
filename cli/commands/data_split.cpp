// nova data split IN --train R --val R --test R [--seed S] --out-dir DIR [--json]
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/dataset.hpp"

namespace nova::cli {
namespace {

struct SplitArgs {
  std::string in;
  double train{0.8};
  double val{0.1};
  double test{0.1};
  std::uint64_t seed{42};
  std::string out_dir;
  bool json{false};
};

void run_split(const SplitArgs& args) {
  DatasetLoader loader = make_loader_for_path(args.in);
  loader.load(args.in);
  auto [train, val, test] = loader.split_data(args.train, args.val, args.test, args.seed);
  namespace fs = std::filesystem;
  const std::string stem = fs::path(args.in).stem().string();
  const std::pair<const char*, const DatasetLoader*> parts[] = {{"train", &train}, {"val", &val}, {"test", &test}};
  nlohmann::ordered_json summary;
  for (const auto& [name, part] : parts) {
    const std::string file = fmt::format("{}_{}.jsonl", stem, name);
    // s3://bucket/prefix[/] is joined as a key prefix; a local directory as a path.
    const std::string path = args.out_dir.starts_with("s3://")
                                 ? (args.out_dir.ends_with('/') ? args.out_dir : args.out_dir + "/") + file
                                 : (fs::path(args.out_dir) / file).string();
    part->save_data(path);
    const std::uint64_t records = part->count();
    summary[name] = {{"records", records}, {"path", path}};
    if (!args.json) std::cout << fmt::format("{}: {} records -> {}\n", name, records, path);
  }
  if (args.json) std::cout << summary.dump() << '\n';
}

}  // namespace

void add_data_split_command(CLI::App& data) {
  auto args = std::make_shared<SplitArgs>();
  CLI::App* cmd = data.add_subcommand("split", "Split a dataset into train/val/test files (same seed, same split as the reference SDK)");
  cmd->add_option("IN", args->in, "Input dataset (.jsonl, .json or .csv; a path or s3://bucket/key)")->required();
  cmd->add_option("--train", args->train, "Train ratio")->capture_default_str();
  cmd->add_option("--val", args->val, "Validation ratio")->capture_default_str();
  cmd->add_option("--test", args->test, "Test ratio")->capture_default_str();
  cmd->add_option("--seed", args->seed, "Shuffle seed")->capture_default_str();
  cmd->add_option("--out-dir", args->out_dir, "Directory (or s3://bucket/prefix/) for <name>_train.jsonl, <name>_val.jsonl, <name>_test.jsonl")
      ->required();
  cmd->add_flag("--json", args->json, "Print one JSON object: {train|val|test: {records, path}}");
  cmd->footer("Example:\n  nova data split train.jsonl --train 0.8 --val 0.1 --test 0.1 --seed 42 --out-dir splits/");
  cmd->callback([args] { run_split(*args); });
}

}  // namespace nova::cli
