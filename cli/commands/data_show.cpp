// nova data show FILE [-n N]
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
};

void run_show(const ShowArgs& args) {
  DatasetLoader loader = make_loader_for_path(args.file);
  loader.load(args.file);
  loader.show(args.n, std::cout);
}

}  // namespace

void add_data_show_command(CLI::App& data) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* cmd = data.add_subcommand("show", "Print the first records of a dataset");
  cmd->add_option("FILE", args->file, "Dataset (.jsonl, .json or .csv; a path or s3://bucket/key)")->required();
  cmd->add_option("-n", args->n, "How many records")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->footer("Example:\n  nova data show train.jsonl -n 3");
  cmd->callback([args] { run_show(*args); });
}

}  // namespace nova::cli
