#include "wait_budget_flags.hpp"

#include <chrono>
#include <cstdint>

namespace nova::cli {

WaitErrorBudget WaitBudgetFlags::budget() const {
  WaitErrorBudget b;
  b.max_consecutive_errors = max_errors;
  b.max_error_time = std::chrono::seconds(static_cast<std::int64_t>(error_timeout));
  return b;
}

void add_wait_budget_flags(CLI::App& cmd, WaitBudgetFlags& flags, const std::string& when) {
  cmd.add_option("--max-errors", flags.max_errors,
                 when + "give up after N failed polls in a row (throttling, 5xx, network errors are retried)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd.add_option("--error-timeout", flags.error_timeout, when + "give up when polls have failed for S seconds in a row")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

}  // namespace nova::cli
