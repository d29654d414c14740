#include "support/k8s_standin_server.hpp"

#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "support/child_process.hpp"
#include "support/moto_server.hpp"

namespace nova::testing {

K8sStandinServer::K8sStandinServer(const std::string& eks_cluster_name) {
  port_ = free_port();
  control_port_ = free_port();
  log_path_ = "/tmp/nova-k8s-standin-" + std::to_string(::getpid()) + "-" + std::to_string(port_) + ".log";
  pid_ = spawn_logged({"python3", NOVA_SOURCE_DIR "/tests/support/k8s_standin.py", "--port", std::to_string(port_),
                       "--control-port", std::to_string(control_port_), "--cluster-name", eks_cluster_name},
                      {}, log_path_,
                      "the Kubernetes stand-in needs python3 with botocore, cryptography, jsonschema and PyYAML");
  try {
    wait_until_ready(pid_, "the Kubernetes stand-in", log_path_, std::chrono::seconds(30),
                     [this] { return control_exchange(control_port_, "GET", "/health", {}).status == 200; });
  } catch (const std::runtime_error& e) {
    // Its last words say what is missing (e.g. "needs python3's 'cryptography' package").
    std::ifstream log(log_path_);
    std::string line, last;
    while (std::getline(log, line)) {
      if (!line.empty()) last = line;
    }
    throw std::runtime_error(std::string(e.what()) + (last.empty() ? "" : ": " + last));
  }
  ca_pem_ = nlohmann::json::parse(control("GET", "ca")).at("pem").get<std::string>();
}

K8sStandinServer::~K8sStandinServer() { stop_child(pid_, log_path_, std::chrono::seconds(3)); }

std::string K8sStandinServer::foreign_ca_pem() const {
  return nlohmann::json::parse(control("GET", "foreign-ca")).at("pem").get<std::string>();
}

std::string K8sStandinServer::control(const std::string& method, const std::string& path, const std::string& body) const {
  const ControlAnswer answer = control_exchange(control_port_, method, "/" + path, body);
  if (answer.status != 200) {
    throw std::runtime_error("Kubernetes stand-in control " + method + " " + path + " answered " +
                             std::to_string(answer.status) + ": " + answer.body);
  }
  return answer.body;
}

void K8sStandinServer::set_crd_installed(bool installed) const {
  control("PUT", "crd", nlohmann::json{{"installed", installed}}.dump());
}

void K8sStandinServer::script(const std::string& ns, const std::string& job, const std::string& conditions_json,
                              bool advance_on_get) const {
  control("PUT", "script/" + ns + "/" + job,
          nlohmann::json{{"conditions", nlohmann::json::parse(conditions_json)}, {"advance_on_get", advance_on_get}}.dump());
}

std::string K8sStandinServer::advance(const std::string& ns, const std::string& job,
                                      const std::string& condition_json) const {
  return control("POST", "advance/" + ns + "/" + job, condition_json);
}

void K8sStandinServer::put_log(const std::string& ns, const std::string& pod, const std::string& text, bool end) const {
  control("PUT", "logs/" + ns + "/" + pod, nlohmann::json{{"text", text}, {"append", true}, {"end", end}}.dump());
}

}  // namespace nova::testing
