#include "command_tree.hpp"

namespace nova::cli {

std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

std::vector<const CLI::Option*> visible_named_options(const CLI::App& app) {
  return app.get_options([](const CLI::Option* opt) { return !opt->get_group().empty() && opt->nonpositional(); });
}

std::vector<const CLI::Option*> positionals(const CLI::App& app) {
  return app.get_options([](const CLI::Option* opt) { return !opt->nonpositional(); });
}

std::vector<std::string> command_path(const CLI::App& app) {
  std::vector<std::string> path;
  for (const CLI::App* at = &app; at->get_parent() != nullptr; at = at->get_parent()) {
    path.insert(path.begin(), at->get_name());
  }
  return path;
}

void for_each_command(const CLI::App& root, const std::function<void(const CLI::App&)>& fn) {
  fn(root);
  for (const CLI::App* sub : visible_subcommands(root)) for_each_command(*sub, fn);
}

const CLI::App& root_of(const CLI::App& app) {
  const CLI::App* at = &app;
  while (at->get_parent() != nullptr) at = at->get_parent();
  return *at;
}

}  // namespace nova::cli
