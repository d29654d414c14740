#pragma once
// How deploy waits poll: the public DeployWaitOptions under the name the deploy module uses,
// and the one poll loop every wait (custom model, deployment, PT, SageMaker endpoint) shares.

#include <functional>
#include <string>

#include "nova/deploy.hpp"

namespace nova::deploy {

using WaitOptions = DeployWaitOptions;

// One poll's answer: the raw status and whether it is final.
struct PollOutcome {
  std::string status;
  enum class State { waiting, done, failed } state{State::waiting};
  std::string failure_message;  // AWS's failureMessage / FailureReason, when failed
};

// Polls `poll` until it is done (returns its status) or failed (ServiceError naming `what`
// with AWS's message); a timeout is a ServiceError saying how long it waited and the last status.
// Failed polls are ridden out within options.errors (as `nova job status --watch`); past it the
// last error is thrown, saying how many polls failed. Both it and the timeout name
// `resume_hint`, the command that picks the wait up again (the resource keeps going on AWS).
// Each poll is reported to options.progress (when set); the last report says so.
std::string wait_until(const std::string& what, const std::function<PollOutcome()>& poll, const WaitOptions& options,
                       const std::string& resume_hint);

}  // namespace nova::deploy
