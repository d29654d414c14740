#pragma once
// Creates that take no client token (SageMaker model, endpoint config and endpoint; IAM role)
// made safe to retry. When a create's outcome is unknown (the connection dropped after the
// request was sent, the service answered 5xx) or a retry meets "already exists" for what the
// lost attempt made, what now exists under the name decides: ours (what we asked for) is
// success, something else a clear error naming the conflict, nothing a new attempt.

#include <functional>
#include <optional>
#include <string>

#include "nova/error.hpp"

namespace nova::deploy {

// What a lookup found under the name.
struct ExistingResource {
  std::string arn;
  std::string conflict;  // empty: it is the one we asked for; else what differs from the request
};

// True for an answer that does not say whether the create happened: a network error, 5xx,
// or "already exists" (ours from a lost attempt, or someone else's).
bool outcome_unknown(const ServiceError& error);

// Calls `create` (returns the new resource's ARN); on an unknown outcome asks `look` and
// returns the ARN of the resource found when it is ours. At most `attempts` creates.
// @throws nova::ValueError "<what> already exists and is not the one this deploy asked for: <conflict>"
// @throws the create's ServiceError when it is not ambiguous or the attempts ran out
std::string create_once(const std::string& what, const std::function<std::string()>& create,
                        const std::function<std::optional<ExistingResource>()>& look, int attempts = 3);

// Looks first (a resource left by an interrupted run is reused when it is ours, refused when
// not), then create_once. Returns the ARN. @throws as create_once
std::string find_or_create(const std::string& what, const std::function<std::string()>& create,
                           const std::function<std::optional<ExistingResource>()>& look);

}  // namespace nova::deploy
