#pragma once
// Test servers run as child processes (moto_server, the AWS stand-in): spawned without a
// shell with their output in a log file, waited for, and stopped with SIGTERM, then SIGKILL.

#include <chrono>
#include <functional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace nova::testing {

// Starts argv[0] (looked up on PATH) with stdin from /dev/null and stdout and stderr in
// `log_path`, with this process's environment plus `extra_env`. Throws std::runtime_error
// naming `install_hint` when it cannot be started.
pid_t spawn_logged(std::vector<std::string> argv, const std::vector<std::pair<std::string, std::string>>& extra_env,
                   const std::string& log_path, const std::string& install_hint);

// Polls `ready` until it answers true. Throws std::runtime_error (pointing at `log_path`)
// when the child exits first or `timeout` passes; the child is then killed and reaped.
void wait_until_ready(pid_t& pid, const std::string& name, const std::string& log_path,
                      std::chrono::seconds timeout, const std::function<bool()>& ready);

// SIGTERM, up to `grace` to exit, then SIGKILL; removes the log once the child is gone.
void stop_child(pid_t pid, const std::string& log_path, std::chrono::milliseconds grace);

// One HTTP/1.0 exchange with a test server's loopback control API (no client library
// needed); status 0 when nothing answered.
struct ControlAnswer {
  int status{0};
  std::string body;
};
ControlAnswer control_exchange(int port, const std::string& method, const std::string& path, const std::string& body);

}  // namespace nova::testing
