#pragma once
// The training commands' exit-code rule: when the SDK refuses the request (nova::ValueError:
// an unknown override key, a role that does not trust SageMaker, a bad instance type) the
// command ran and the answer is "no", so it exits 1, not 2 (usage) as run_guarded would.

#include <functional>

namespace nova::cli {

// Runs `body`; a nova::ValueError is printed on stderr and ends the command with exit 1.
void exit_1_when_refused(const std::function<void()>& body);

}  // namespace nova::cli
