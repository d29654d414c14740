#include "group_examples.hpp"

#include <sstream>

namespace nova::cli {
namespace {

// The first example line of `app`'s footer (the line after "Example:" / "Examples:"),
// continuation lines ending in '\' included.
std::string first_example(const CLI::App& app) {
  std::istringstream lines(app.get_footer());
  std::string line, example;
  bool in_examples = false;
  while (std::getline(lines, line)) {
    const bool continues = !example.empty() && example.ends_with("\\\n");
    if (continues || (in_examples && example.empty() && line.starts_with("  nova "))) {
      example += line + "\n";
      if (!line.ends_with('\\')) break;
    }
    in_examples = in_examples || line == "Example:" || line == "Examples:";
  }
  return example;
}

std::vector<CLI::App*> visible(CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

// Fills the footers of groups below `app` (children first) and returns `app`'s first example.
std::string fill(CLI::App& app) {
  std::string examples;
  for (CLI::App* sub : visible(app)) {
    std::string example = fill(*sub);
    if (examples.empty()) examples = example;  // a group shows its first command's example
  }
  if (visible(app).empty() || app.get_parent() == nullptr) return first_example(app);
  // CLI11 copies a parent's footer into the subcommands made after it was set: that one is replaced.
  const bool own_footer = !app.get_footer().empty() && app.get_footer() != app.get_parent()->get_footer();
  if (!own_footer && !examples.empty()) {
    app.footer("Example:\n" + examples + "Run 'nova " + app.get_name() + " <command> --help' for each command.");
  }
  return first_example(app);
}

}  // namespace

void add_group_examples(CLI::App& root) {
  std::string examples;
  for (CLI::App* sub : visible(root)) {
    const std::string example = fill(*sub);
    // nova --help: the first steps of a customization, from the commands' own examples.
    if (sub->get_name() == "data" || sub->get_name() == "train") examples += example;
  }
  if (!examples.empty()) root.footer(root.get_footer() + "\nExamples:\n" + examples);
}

}  // namespace nova::cli
