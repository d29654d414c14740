#pragma once
// The session for the public API's AwsOptions: the process-wide shared session when no
// override is set, else a new one with the overrides.

#include <memory>

#include "aws/session/session.hpp"
#include "nova/aws.hpp"

namespace nova::aws {

// Throws nova::ConfigError as Session's constructor does.
std::shared_ptr<const Session> session_for(const AwsOptions& options);

}  // namespace nova::aws
