#include "aws/core/retry/ambiguous_create.hpp"

#include <fmt/format.h>

#include <random>

#include "aws/core/retry/retry_strategy.hpp"
#include "core/log.hpp"

namespace nova::aws {
namespace {

double random01() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

ServiceError outcome_unknown_error(const AmbiguousCreate& spec, const ServiceError& create_error,
                                   const std::string& why) {
  return ServiceError(fmt::format("could not tell whether {} was created: the create failed ({}) and {}; check "
                                  "with `{}` before trying again",
                                  spec.what, create_error.what(), why, spec.check_hint),
                      create_error.service(), create_error.operation(), "OutcomeUnknown", create_error.http_status(),
                      create_error.request_id(), false);
}

}  // namespace

bool outcome_unknown(const ServiceError& error) {
  if (error.code() == "NetworkError") return true;
  return error.http_status() >= 500 && !is_throttling_code(error.code());
}

std::string create_exactly_once(const AmbiguousCreate& spec) {
  const auto clock = spec.clock ? spec.clock : system_clock();
  const int max_attempts = spec.max_attempts < 1 ? 1 : spec.max_attempts;
  for (int attempt = 1;; ++attempt) {
    try {
      return spec.create();
    } catch (const ServiceError& e) {
      const bool exists = spec.already_exists && spec.already_exists(e);
      const bool unknown = outcome_unknown(e);
      if (exists || unknown) {
        std::optional<std::string> found;
        try {
          found = spec.find();  // throws for a resource that is not ours
        } catch (const ServiceError& find_error) {
          if (!find_error.retryable()) throw;
          throw outcome_unknown_error(spec, e, fmt::format("looking it up failed too ({})", find_error.what()));
        }
        if (found) {
          if (core::log_enabled(core::LogLevel::kInfo)) {
            core::log(core::LogLevel::kInfo,
                      fmt::format("{}: the create's answer was lost ({}); the resource exists and is ours", spec.what,
                                  e.code()));
          }
          return *found;
        }
        if (exists) throw;  // "already exists" but gone by the time we looked: nothing to claim
      } else if (!e.retryable()) {
        throw;
      }
      if (attempt >= max_attempts) {
        if (!unknown) throw;
        // Looked up after the last failure and not found: the outcome is known after all.
        throw ServiceError(fmt::format("{} was not created: {} attempts failed (the last: {}) and looking it up "
                                       "found nothing",
                                       spec.what, attempt, e.what()),
                           e.service(), e.operation(), e.code(), e.http_status(), e.request_id(), e.retryable());
      }
      const double r = spec.jitter ? spec.jitter() : random01();
      clock->sleep_for(backoff_delay(attempt, r));
    }
  }
}

}  // namespace nova::aws
