// nova data show FILE [-n N] [--json]
#include <iostream>
#include <memory>

#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/dataset.hpp"

namespace nova::cli {
namespace {

struct ShowArgs {
  std::string file;
  int n{10};
  bool json{false};
};

void run_show(const ShowArgs& args) {
  DatasetLoader loader = make_loader_for_path(args.file);
  loader.load(args.file);
  if (!args.json) {
    loader.show(args.n, std::cout);
    return;
  }
  int left = args.n;
  if (left == 0) return;
  loader.for_each_json([&](std::string_view record) {
    std::cout << record << '\n';
    return --left > 0;
  });
}

}  // namespace

void add_data_show_command(CLI::App& data) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* cmd = data.add_subcommand("show", "Print the first records of a dataset");
  cmd->add_option("FILE", args->file, "Dataset (.jsonl, .json or .csv; a path or s3://bucket/key)")->required();
  cmd->add_option("-n", args->n, "How many records")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", args->json, "Print the records as JSON Lines (one record per line, no Row prefix)");
  cmd->footer("Examples:\n  nova data show train.jsonl -n 3\n  nova data show s3://my-bucket/train.jsonl -n 1 --json");
  cmd->callback([args] { run_show(*args); });
}

}  // namespace nova::cli
