// nova recipe export --out DIR [--model M ...] [--region R] [--json]: the maintainers' refresh
// of the built-in catalogue (docs/recipes.md).
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/recipe.hpp"
#include "refusal.hpp"

namespace nova::cli {
namespace {

struct RecipeExportArgs {
  std::string out;
  std::vector<std::string> models;
  AwsFlags aws;
  bool json{false};
};

void print_json(const RecipeExportReport& report) {
  using Json = nlohmann::ordered_json;
  Json out{{"region", report.region}, {"image_accounts", report.image_accounts}, {"contents", Json::array()},
           {"files", report.files}};
  for (const auto& c : report.contents)
    out["contents"].push_back(
        Json{{"hub_content_name", c.hub_content_name}, {"version", c.version}, {"recipes", c.recipes}, {"skipped", c.skipped}});
  std::cout << out.dump(2) << '\n';
}

void print_text(const RecipeExportReport& report, const std::string& out_dir) {
  for (const auto& c : report.contents) {
    std::cout << fmt::format("{} {}: {} recipes\n", c.hub_content_name, c.version, c.recipes);
    for (const auto& s : c.skipped) std::cout << "  skipped " << s << '\n';
  }
  for (const auto& [region, account] : report.image_accounts)
    std::cout << fmt::format("images of {} are in account {}\n", region, account);
  std::cout << fmt::format("{} files written to {}; compare with data/recipes (docs/recipes.md)\n", report.files.size(),
                           out_dir);
}

void run_recipe_export(const RecipeExportArgs& args) {
  RecipeExportOptions options;
  options.out_dir = args.out;
  for (const auto& m : args.models) options.models.push_back(parse_model_option(m));
  options.aws = args.aws.options();
  exit_1_when_refused([&] {
    const auto report = export_recipe_catalogue(options);
    if (args.json) {
      print_json(report);
    } else {
      print_text(report, args.out);
    }
  });
}

}  // namespace

void add_recipe_export_command(CLI::App& recipe) {
  auto args = std::make_shared<RecipeExportArgs>();
  CLI::App* cmd = recipe.add_subcommand(
      "export", "Write the live SageMaker Public Hub recipes in the built-in catalogue's layout (maintainers)");
  cmd->add_option("--out", args->out, "Directory to write hub/, templates/, overrides/ and export.json into")
      ->required();
  cmd->add_option("--model", args->models, "Model to export (repeatable; default: every model)");
  cmd->add_flag("--json", args->json,
                "Print one JSON object: {region, image_accounts, contents[{hub_content_name, version, recipes, "
                "skipped}], files}");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "Exit codes: 0 exported, 1 AWS error (e.g. the hub content does not exist), 2 usage or configuration error.\n"
      "Example:\n"
      "  nova recipe export --out /tmp/recipes --region us-east-1 && diff -r /tmp/recipes/hub data/recipes/hub");
  cmd->callback([args] { run_recipe_export(*args); });
}

}  // namespace nova::cli
