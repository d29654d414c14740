// The container provider against a real loopback HTTP server (python3 http.server in a child
// process: the container endpoint is not an AWS service, so this is no fake of AWS).
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "aws/core/credentials/container_provider.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/credentials/default_chain.hpp"
#include "aws/core/http/curl_transport.hpp"
#include "support/scoped_env.hpp"
#include "support/test_clock.hpp"
#include "support/test_paths.hpp"

extern char** environ;

namespace nova::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using nova::testing::RecordingClock;
using nova::testing::ScopedEnvironment;
using nova::testing::TempDir;

constexpr const char* kServer = R"PY(
import datetime, http.server, json, os, sys
port_file, log_file = sys.argv[1], sys.argv[2]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(log_file, "a") as f:
            f.write(self.path + " " + (self.headers.get("Authorization") or "-") + "\n")
        if self.path.startswith("/fail"):
            self.send_response(500); self.send_header("Content-Length", "0"); self.end_headers(); return
        if self.path.startswith("/denied"):
            self.send_response(403); self.send_header("Content-Length", "0"); self.end_headers(); return
        exp = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = json.dumps({"AccessKeyId": "AKIDCONTAINER", "SecretAccessKey": "containersecret",
                           "Token": "containertoken", "Expiration": exp, "AccountId": "444455556666"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_port))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
)PY";

class LoopbackServer {
 public:
  LoopbackServer() {
    const auto script = dir_.write("server.py", kServer).string();
    const auto port_file = (dir_ / "port").string();
    log_ = (dir_ / "requests.log").string();
    std::vector<std::string> args{"python3", script, port_file, log_};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (::posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) != 0) throw std::runtime_error("spawn");
    for (int i = 0; i < 200 && !std::filesystem::exists(port_file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    port_ = std::stoi(nova::testing::read_file(port_file));
  }
  ~LoopbackServer() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int port() const { return port_; }
  std::string log() const { return std::filesystem::exists(log_) ? nova::testing::read_file(log_) : ""; }

 private:
  TempDir dir_;
  pid_t pid_{-1};
  int port_{0};
  std::string log_;
};

// Sends requests meant for the ECS link-local address to the loopback server instead, so the
// RELATIVE_URI path is exercised end to end. A decorator of our own transport interface.
class RedirectingTransport final : public HttpTransport {
 public:
  RedirectingTransport(std::shared_ptr<HttpTransport> inner, std::string to) : inner_(std::move(inner)), to_(std::move(to)) {}
  TransportResult send(const HttpRequest& request, const BodySink* sink) override {
    seen_hosts.push_back(request.host);
    auto copy = request;
    copy.host = to_;
    return inner_->send(copy, sink);
  }
  std::vector<std::string> seen_hosts;

 private:
  std::shared_ptr<HttpTransport> inner_;
  std::string to_;
};

class CredentialsContainer : public ::testing::Test {
 protected:
  void SetUp() override { env_.isolate_aws(); }
  static LoopbackServer& server() {
    static LoopbackServer s;
    return s;
  }
  ContainerCredentialsProvider provider() { return ContainerCredentialsProvider(curl_, clock_); }

  ScopedEnvironment env_;
  TempDir dir_;
  std::shared_ptr<CurlTransport> curl_ = std::make_shared<CurlTransport>(metadata_transport_options());
  std::shared_ptr<RecordingClock> clock_ = std::make_shared<RecordingClock>();
};

TEST_F(CredentialsContainer, FullUriWithTokenFileReadEachTime) {
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server().url("/v1/credentials?a=1"));
  const auto token_file = dir_.write("token", "token-one\n");
  env_.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file.string());
  env_.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token-ignored");
  auto p = provider();
  const auto c = p.get();
  EXPECT_EQ(c.access_key_id, "AKIDCONTAINER");
  EXPECT_EQ(c.secret_access_key, "containersecret");
  EXPECT_EQ(c.session_token, "containertoken");
  EXPECT_EQ(c.account_id, "444455556666");
  EXPECT_EQ(c.source, "container");
  ASSERT_TRUE(c.expiration);
  EXPECT_GT(*c.expiration, std::chrono::system_clock::now() + std::chrono::hours(5));
  dir_.write("token", "token-two");
  p.get();
  const auto log = server().log();
  EXPECT_THAT(log, HasSubstr("/v1/credentials?a=1 token-one\n"));
  EXPECT_THAT(log, HasSubstr("/v1/credentials?a=1 token-two\n"));
  EXPECT_THAT(log, Not(HasSubstr("env-token-ignored")));
}

TEST_F(CredentialsContainer, TokenFromEnvironment) {
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server().url("/env-token"));
  env_.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic abc==");
  EXPECT_EQ(provider().get().access_key_id, "AKIDCONTAINER");
  EXPECT_THAT(server().log(), HasSubstr("/env-token Basic abc==\n"));
}

TEST_F(CredentialsContainer, TokenWithCrOrLfIsRefusedBeforeSending) {
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server().url("/crlf"));
  env_.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Injected: 1");
  EXPECT_THROW(provider().get(), ConfigError);
  env_.unset("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  env_.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", dir_.write("t", "abc\nmore\n").string());
  EXPECT_THROW(provider().get(), ConfigError);
  EXPECT_THAT(server().log(), Not(HasSubstr("/crlf")));
}

TEST_F(CredentialsContainer, PlainHttpOnlyToAllowedHosts) {
  for (const char* bad : {"http://example.com/creds", "http://169.254.169.254/creds", "http://10.0.0.1/x",
                          "http://127.0.0.1.evil.com/x", "ftp://127.0.0.1/x"}) {
    env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", bad);
    EXPECT_THROW(provider().get(), ConfigError) << bad;
  }
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://localhost:" + std::to_string(server().port()) + "/localhost");
  EXPECT_EQ(provider().get().source, "container");
}

TEST_F(CredentialsContainer, RelativeUriGoesToTheEcsAddress) {
  env_.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc-123");
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/ignored");  // RELATIVE wins
  auto redirect = std::make_shared<RedirectingTransport>(curl_, "127.0.0.1:" + std::to_string(server().port()));
  EXPECT_EQ(ContainerCredentialsProvider(redirect, clock_).get().access_key_id, "AKIDCONTAINER");
  ASSERT_EQ(redirect->seen_hosts.size(), 1u);
  EXPECT_EQ(redirect->seen_hosts[0], "169.254.170.2");
  EXPECT_THAT(server().log(), HasSubstr("/v2/credentials/abc-123 -\n"));
}

TEST_F(CredentialsContainer, ServerErrorsAreRetriedThreeTimesClientErrorsNot) {
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server().url("/fail"));
  EXPECT_THROW(provider().get(), ConfigError);
  EXPECT_EQ(clock_->sleeps().size(), 2u);  // 3 attempts, 1 s apart
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server().url("/denied"));
  try {
    provider().get();
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("HTTP 403"));
  }
  EXPECT_EQ(clock_->sleeps().size(), 2u);
}

TEST_F(CredentialsContainer, NotConfiguredIsNotFound) {
  EXPECT_THROW(provider().get(), CredentialsNotFound);
}

TEST_F(CredentialsContainer, ChainUsesContainerAfterProfile) {
  env_.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server().url("/chain"));
  CredentialChainOptions o;
  o.metadata_transport = curl_;
  o.clock = clock_;
  DefaultCredentialsChain chain(o);
  EXPECT_EQ(chain.get().source, "container");
  chain.get();  // cached (6 h credentials): one request only
  const auto log = server().log();
  ASSERT_NE(log.find("/chain"), std::string::npos);
  EXPECT_EQ(log.find("/chain"), log.rfind("/chain"));
}

}  // namespace
}  // namespace nova::aws
