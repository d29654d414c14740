#pragma once
// Runs tests/support/aws_standin.py (the loopback stand-in for the SageMaker and IAM
// operations moto lacks, in front of its own moto_server) for the lifetime of one object:
// started with posix_spawn (no shell), ready once /_standin/health answers, stopped with
// SIGTERM (then SIGKILL) in the destructor. The Python twin is moto_harness.StandinServer.

#include <string>
#include <sys/types.h>
#include <vector>

namespace nova::testing {

class StandinServer {
 public:
  // Throws std::runtime_error when python3 or moto_server is missing or it never answers.
  StandinServer();
  ~StandinServer();
  StandinServer(const StandinServer&) = delete;
  StandinServer& operator=(const StandinServer&) = delete;

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& log_path() const { return log_path_; }

  // Control API (each throws std::runtime_error when the stand-in refuses).
  // DescribeHubContent of `name` (type Model, hub SageMakerPublicHub) answers `document_json`.
  void put_hub_content(const std::string& name, const std::string& document_json, const std::string& version);
  // SimulatePrincipalPolicy answers implicitDeny for these actions, allowed for the rest.
  void deny_actions(const std::vector<std::string>& actions);
  // ListMlflowApps / ListMlflowTrackingServers summaries: a JSON array in the API's shape.
  void set_mlflow_apps(const std::string& summaries_json);
  void set_mlflow_tracking_servers(const std::string& summaries_json);
  // Items per page of the served List* operations.
  void set_page_size(int items);
  // [{"service", "operation", "params"}] of every SageMaker and IAM request, in order.
  std::string calls_json() const;
  void clear_calls();
  // Reasons of every request or response that did not fit botocore's model ("[]" if none).
  std::string failures_json() const;
  // Forgets the failures (after a test that provoked one on purpose).
  void clear_failures();

  // Any control path, e.g. the ones service modules (tests/support/standin_<service>.py) add:
  // `control("PUT", "sagemaker-endpoints/settings", "{...}")`. Returns the answer's body.
  std::string control(const std::string& method, const std::string& path, const std::string& body = {}) const;

 private:

  pid_t pid_{-1};
  int port_{0};
  std::string log_path_;
};

}  // namespace nova::testing
