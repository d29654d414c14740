#pragma once
// Shared by the nova subcommands: exit codes, option parsing for the spec's enums,
// and the mapping from SDK exceptions to messages and exit codes.

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <vector>

#include "nova/enums.hpp"

namespace nova::cli {

// Exit codes are a contract (documented in docs/cli.md): scripts depend on them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the operation ran and the answer is "no" (invalid data, failed job, AWS error)
inline constexpr int kExitUsage = 2;   // bad usage, configuration (no region/credentials), unreadable input, I/O error

// Thrown by a command to end with an exit code after printing its own output.
struct Exit {
  int code;
};

Model parse_model_option(const std::string& text);
TrainingMethod parse_method_option(const std::string& text);
EvaluationTask parse_eval_task_option(const std::string& text);
// "--map standard=column" entries -> mappings. Throws CLI::ValidationError.
std::map<std::string, std::string> parse_mappings(const std::vector<std::string>& entries);

// Runs `body`, mapping nova exceptions to a message on stderr and an exit code.
int run_guarded(const std::function<int()>& body);

}  // namespace nova::cli
