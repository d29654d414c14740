#pragma once
// Creates a resource exactly once when the service takes no client token.
//
// A create whose answer was lost (reset or timeout after the request was sent, a 5xx) may or
// may not have happened. Retrying blindly could create a second resource; failing blindly
// could leave one nobody was told about. So after such a failure the caller's `find` looks
// the resource up by the unique name it chose: ours -> success; someone else's -> `find`
// throws a clear conflict error; none -> the create is retried (with backoff). Failures that
// prove nothing was done (throttling, a client error) are retried or rethrown as they are.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "aws/core/clock.hpp"
#include "nova/error.hpp"

namespace nova::aws {

// True when a failed call may still have acted on the service: no response (other than a
// refused connection) or a 5xx answer.
bool outcome_unknown(const ServiceError& error);

struct AmbiguousCreate {
  std::string what;       // "training job 'x'" (error messages)
  std::string check_hint; // how the user can look for it, e.g. "nova job status x"
  // Sends the create once (no retries of its own) and returns the resource's id or ARN.
  std::function<std::string()> create;
  // The existing resource's id or ARN when it exists and is ours; std::nullopt when there
  // is none. Throws a clear error (naming the difference) when it exists but is not ours.
  std::function<std::optional<std::string>()> find;
  // The service's "already exists" answer (ResourceInUse, EntityAlreadyExists, 409...).
  std::function<bool(const ServiceError&)> already_exists;
  int max_attempts{4};
  std::shared_ptr<const Clock> clock;   // default: the system clock
  std::function<double()> jitter;       // backoff jitter in [0,1); default: random
};

// @throws the create's error when it proved nothing was created and is not retryable (or
// the attempts ran out); ServiceError "OutcomeUnknown" when the outcome could not be
// determined (the message names the resource and how to check for it); whatever `find`
// throws for a resource that is not ours.
std::string create_exactly_once(const AmbiguousCreate& spec);

}  // namespace nova::aws
