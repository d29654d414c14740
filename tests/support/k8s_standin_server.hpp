#pragma once
// Runs tests/support/k8s_standin.py (the loopback Kubernetes API server over TLS with a CA
// it generates, checking EKS bearer tokens with botocore) for the lifetime of one object.
// The Python twin is moto_harness.K8sStandin.

#include <string>
#include <sys/types.h>

#include "support/child_process.hpp"

namespace nova::testing {

class K8sStandinServer {
 public:
  // Throws std::runtime_error when python3, cryptography or jsonschema is missing (the log
  // says which) or it never answers.
  explicit K8sStandinServer(const std::string& eks_cluster_name = "nova-eks");
  ~K8sStandinServer();
  K8sStandinServer(const K8sStandinServer&) = delete;
  K8sStandinServer& operator=(const K8sStandinServer&) = delete;

  std::string endpoint() const { return "https://127.0.0.1:" + std::to_string(port_); }
  const std::string& ca_pem() const { return ca_pem_; }
  // A CA that did not sign the server's certificate.
  std::string foreign_ca_pem() const;

  // Control API (see k8s_standin.py); bodies are JSON text. Throws std::runtime_error when refused.
  std::string control(const std::string& method, const std::string& path, const std::string& body = {}) const;
  void set_namespaces(const std::string& names_json) const { control("PUT", "namespaces", names_json); }
  void set_crd_installed(bool installed) const;
  void deny(const std::string& rules_json) const { control("PUT", "deny", rules_json); }
  // The job's conditions advance through `conditions_json` (["Created","Running",...]) one per
  // advance() call, or one per GET of the job with `advance_on_get`.
  void script(const std::string& ns, const std::string& job, const std::string& conditions_json,
              bool advance_on_get = false) const;
  std::string advance(const std::string& ns, const std::string& job, const std::string& condition_json = {}) const;
  void put_log(const std::string& ns, const std::string& pod, const std::string& text, bool end = false) const;
  std::string objects_json(const std::string& resource) const { return control("GET", "objects/" + resource); }
  std::string calls_json() const { return control("GET", "calls"); }
  std::string rejections_json() const { return control("GET", "rejections"); }
  void clear_rejections() const { control("DELETE", "rejections"); }

 private:
  pid_t pid_{-1};
  int port_{0};
  int control_port_{0};
  std::string log_path_;
  std::string ca_pem_;
};

}  // namespace nova::testing
