#include "support/moto_server.hpp"
#include "support/scoped_env.hpp"
#include "support/child_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

namespace nova::testing {
namespace {

sockaddr_in loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// True once the server answers an HTTP request with a status line.
bool answers(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr = loopback(port);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const char req[] = "GET /moto-api/data.json HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, req, sizeof req - 1, 0) > 0) {
      char buf[16] = {};
      ok = ::recv(fd, buf, sizeof buf - 1, 0) > 0 && std::strncmp(buf, "HTTP/", 5) == 0;
    }
  }
  ::close(fd);
  return ok;
}

}  // namespace

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr = loopback(0);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

MotoServer::MotoServer(std::vector<std::pair<std::string, std::string>> extra_env) {
  port_ = free_port();
  log_path_ = "/tmp/nova-moto-" + std::to_string(::getpid()) + "-" + std::to_string(port_) + ".log";
  pid_ = spawn_logged({"moto_server", "-H", "127.0.0.1", "-p", std::to_string(port_)}, extra_env, log_path_,
                      "install it with: pip install 'moto[server]>=5.2.1,<5.3'");
  wait_until_ready(pid_, "moto_server", log_path_, std::chrono::seconds(30), [this] { return answers(port_); });
}

MotoServer::~MotoServer() { stop_child(pid_, log_path_, std::chrono::seconds(1)); }

void use_moto(ScopedEnvironment& env, const MotoServer& moto) {
  env.set("AWS_ENDPOINT_URL", moto.endpoint());
  env.set("AWS_ACCESS_KEY_ID", "testing");
  env.set("AWS_SECRET_ACCESS_KEY", "testing");
  env.set("AWS_REGION", "us-east-1");
  env.set("AWS_EC2_METADATA_DISABLED", "true");
}

}  // namespace nova::testing
