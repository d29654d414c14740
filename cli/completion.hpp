#pragma once
// nova completion bash|zsh: a completion script generated from the command definitions.
#include <CLI/CLI.hpp>
#include <string>

namespace nova::cli {

void add_completion_command(CLI::App& app);
// The script for `shell` ("bash" or "zsh") completing every command and option under `root`.
std::string completion_script(const CLI::App& root, const std::string& shell);

}  // namespace nova::cli
