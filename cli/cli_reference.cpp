#include "cli_reference.hpp"

#include <iostream>
#include <memory>

#include "command_tree.hpp"

namespace nova::cli {
namespace {

// The value the option's variable holds now. capture_default_str() overwrites the shown
// default, so the shown one is put back.
std::string initial_value(CLI::Option& opt) {
  const std::string shown = opt.get_default_str();
  opt.capture_default_str();
  std::string initial = opt.get_default_str();
  opt.default_str(shown);
  return initial;
}

nlohmann::ordered_json describe_option(CLI::Option& opt) {
  auto names = nlohmann::ordered_json::array();
  for (const std::string& l : opt.get_lnames()) names.push_back("--" + l);
  for (const std::string& s : opt.get_snames()) names.push_back("-" + s);
  return {{"name", opt.get_name()},
          {"names", std::move(names)},
          {"flag", opt.get_expected_max() == 0},
          {"type", opt.get_type_name()},
          {"description", opt.get_description()},
          {"group", opt.get_group()},
          {"required", opt.get_required()},
          {"repeatable", opt.get_expected_max() > 1 || opt.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll},
          {"default", opt.get_default_str()},
          {"initial", initial_value(opt)}};
}

}  // namespace

nlohmann::ordered_json cli_reference(CLI::App& app) {
  nlohmann::ordered_json out;
  out["path"] = command_path(app);
  out["description"] = app.get_description();
  out["footer"] = app.get_footer();
  auto positional_list = nlohmann::ordered_json::array();
  auto option_list = nlohmann::ordered_json::array();
  for (CLI::Option* opt : app.get_options([](const CLI::Option*) { return true; })) {
    if (!opt->nonpositional()) {
      positional_list.push_back(describe_option(*opt));
    } else if (!opt->get_group().empty()) {
      option_list.push_back(describe_option(*opt));
    }
  }
  out["positionals"] = std::move(positional_list);
  out["options"] = std::move(option_list);
  auto commands = nlohmann::ordered_json::array();
  for (CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    commands.push_back(cli_reference(*sub));
  }
  out["commands"] = std::move(commands);
  return out;
}

void add_cli_reference_command(CLI::App& app) {
  // Hidden (no group): a tool for tests and docs/commands, not for users.
  CLI::App* cmd = app.add_subcommand("cli-reference", "Print every command's definition (options, defaults, examples) as JSON");
  cmd->group("");
  cmd->footer("Example:\n  nova cli-reference > cli.json");
  cmd->callback([cmd] {
    CLI::App* root = cmd;
    while (root->get_parent() != nullptr) root = root->get_parent();
    std::cout << cli_reference(*root).dump(2) << '\n';
  });
}

}  // namespace nova::cli
