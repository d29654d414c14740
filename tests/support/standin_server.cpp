#include "support/standin_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "support/child_process.hpp"
#include "support/moto_server.hpp"

namespace nova::testing {
namespace {

struct HttpAnswer {
  int status{0};  // 0: no answer
  std::string body;
};

// One HTTP/1.0 exchange on loopback (the control API is tiny: no client library needed).
HttpAnswer exchange(int port, const std::string& method, const std::string& path, const std::string& body) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  HttpAnswer answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
                                "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    std::string raw;
    if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
      char buf[8192];
      ssize_t n = 0;
      while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) raw.append(buf, static_cast<std::size_t>(n));
    }
    const std::size_t end = raw.find("\r\n\r\n");
    if (raw.rfind("HTTP/", 0) == 0 && end != std::string::npos) {
      answer.status = std::stoi(raw.substr(raw.find(' ') + 1, 3));
      answer.body = raw.substr(end + 4);
    }
  }
  ::close(fd);
  return answer;
}

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
                   [this] { return exchange(port_, "GET", "/_standin/health", {}).status == 200; });
}

// It stops its moto_server on the way out: give it time to.
StandinServer::~StandinServer() { stop_child(pid_, log_path_, std::chrono::seconds(5)); }

std::string StandinServer::control(const std::string& method, const std::string& path, const std::string& body) const {
  const HttpAnswer answer = exchange(port_, method, "/_standin/" + path, body);
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
