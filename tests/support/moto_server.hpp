#pragma once
// Runs a real `moto_server` (moto 5.2.x) on 127.0.0.1 at a free port for the lifetime of
// one object: started with posix_spawn (no shell), ready once it answers HTTP, stopped
// with SIGTERM (then SIGKILL) in the destructor. Its log goes to a temporary file.

#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace nova::testing {

class MotoServer {
 public:
  // `extra_env`: variables for the server process only (e.g. S3_UPLOAD_PART_MIN_SIZE).
  // Throws std::runtime_error when moto_server is missing or never answers.
  explicit MotoServer(std::vector<std::pair<std::string, std::string>> extra_env = {});
  ~MotoServer();
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& log_path() const { return log_path_; }

 private:
  pid_t pid_{-1};
  int port_{0};
  std::string log_path_;
};

class ScopedEnvironment;

// Points the SDK at `moto` through `env` (isolate_aws() it before starting moto, so the
// server does not inherit the machine's AWS settings): AWS_ENDPOINT_URL, test keys,
// AWS_REGION=us-east-1, no instance metadata.
void use_moto(ScopedEnvironment& env, const MotoServer& moto);

// A port on 127.0.0.1 that was free a moment ago.
int free_port();

}  // namespace nova::testing
