#pragma once
// --max-errors / --error-timeout: how long a wait rides out failing polls (nova/wait.hpp).
// One definition, so `nova job status --watch` and the deploy waits mean the same by them.

#include <CLI/CLI.hpp>

#include "nova/wait.hpp"

namespace nova::cli {

struct WaitBudgetFlags {
  int max_errors{WaitErrorBudget{}.max_consecutive_errors};
  double error_timeout{static_cast<double>(WaitErrorBudget{}.max_error_time.count())};
  WaitErrorBudget budget() const;
};

// `when` prefixes the help ("With --watch: ", "While waiting: ").
void add_wait_budget_flags(CLI::App& cmd, WaitBudgetFlags& flags, const std::string& when);

}  // namespace nova::cli
