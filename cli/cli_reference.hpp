#pragma once
// nova cli-reference: the command definitions as one JSON document, so the tests of CLI manners
// (every command has an example, every default is shown) and docs/commands/*.md are derived
// from what `--help` says instead of a second list kept by hand.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace nova::cli {

void add_cli_reference_command(CLI::App& app);
// `app` and every visible command below it: {path, description, footer, positionals, options, commands}.
// An option's "initial" is the value its variable holds before parsing (what capture_default_str
// would show), so a test can tell a default that --help does not mention.
nlohmann::ordered_json cli_reference(CLI::App& app);

}  // namespace nova::cli
