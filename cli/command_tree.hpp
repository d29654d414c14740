#pragma once
// Walks the CLI11 definitions of `nova`, so completion and man pages describe exactly the
// commands and options that exist (including any added later) without a second list.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace nova::cli {

// Visible subcommands of `app` (a command in no group is hidden, as CLI11 hides it in --help).
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app);
// Visible named options (flags and options with values), --help included; no positionals.
std::vector<const CLI::Option*> visible_named_options(const CLI::App& app);
// Positional arguments, in order.
std::vector<const CLI::Option*> positionals(const CLI::App& app);
// The words from the root to `app`, root excluded: {"data", "validate"}.
std::vector<std::string> command_path(const CLI::App& app);
// Every visible command below `root` (root first), depth first in definition order.
void for_each_command(const CLI::App& root, const std::function<void(const CLI::App&)>& fn);
// The root of the tree `app` belongs to.
const CLI::App& root_of(const CLI::App& app);

}  // namespace nova::cli
