#pragma once
// Examples for the commands that only group others (`nova data`, `nova deploy`, ...) and for
// `nova` itself, taken from the examples of the commands they hold, so every `--help` ends
// with an example without a second copy to keep in step.
#include <CLI/CLI.hpp>

namespace nova::cli {

// Call once every command is defined. A group with a footer of its own keeps it.
void add_group_examples(CLI::App& root);

}  // namespace nova::cli
