#include "support/standin_server.hpp"

#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "support/child_process.hpp"
#include "support/moto_server.hpp"

namespace nova::testing {
namespace {

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

StandinServer::StandinServer() {
  port_ = free_port();
  log_path_ = "/tmp/nova-standin-" + std::to_string(::getpid()) + "-" + std::to_string(port_) + ".log";
  pid_ = spawn_logged({"python3", NOVA_SOURCE_DIR "/tests/support/aws_standin.py", "--port", std::to_string(port_)}, {},
                      log_path_, "the stand-in needs python3 with botocore and moto[server]");
  // It starts its own moto_server first.
  wait_until_ready(pid_, "the AWS stand-in", log_path_, std::chrono::seconds(60),
                   [this] { return control_exchange(port_, "GET", "/_standin/health", {}).status == 200; });
}

// It stops its moto_server on the way out: give it time to.
StandinServer::~StandinServer() { stop_child(pid_, log_path_, std::chrono::seconds(5)); }

std::string StandinServer::control(const std::string& method, const std::string& path, const std::string& body) const {
  const ControlAnswer answer = control_exchange(port_, method, "/_standin/" + path, body);
  if (answer.status != 200) {
    throw std::runtime_error("AWS stand-in control " + method + " " + path + " answered " +
                             std::to_string(answer.status) + ": " + answer.body);
  }
  return answer.body;
}

void StandinServer::put_hub_content(const std::string& name, const std::string& document_json,
                                    const std::string& version) {
  control("PUT", "hub-content/" + name,
          "{\"document\": " + json_string(document_json) + ", \"version\": " + json_string(version) + "}");
}

void StandinServer::deny_actions(const std::vector<std::string>& actions) {
  std::string list = "[";
  for (const auto& a : actions) list += (list.size() > 1 ? "," : "") + json_string(a);
  control("PUT", "denied-actions", list + "]");
}

void StandinServer::set_mlflow_apps(const std::string& summaries_json) { control("PUT", "mlflow-apps", summaries_json); }

void StandinServer::set_mlflow_tracking_servers(const std::string& summaries_json) {
  control("PUT", "mlflow-tracking-servers", summaries_json);
}

void StandinServer::set_page_size(int items) { control("PUT", "page-size", std::to_string(items)); }

std::string StandinServer::calls_json() const { return control("GET", "calls"); }

void StandinServer::clear_calls() { control("DELETE", "calls"); }

std::string StandinServer::failures_json() const { return control("GET", "failures"); }

void StandinServer::clear_failures() { control("DELETE", "failures"); }

}  // namespace nova::testing
