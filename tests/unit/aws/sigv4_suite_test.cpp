// Runs every case of AWS's SigV4 test suite (aws-c-auth layout), read from ../shared at
// test time: header form and presigned query form, canonical request, string-to-sign and
// signature.

#include <gtest/gtest.h>
#include <time.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aws/core/sigv4/signer.hpp"

namespace nova::aws {
namespace {

namespace fs = std::filesystem;

fs::path suite_dir() { return fs::path(NOVA_SIGV4_SUITE_DIR); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::chrono::system_clock::time_point parse_iso(const std::string& s) {
  std::tm tm{};
  ::strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

// request.txt: "METHOD PATH HTTP/1.1", header lines (indented lines continue the previous
// value), a blank line, the body. The path is raw (may hold spaces and UTF-8).
HttpRequest parse_request(const std::string& text) {
  HttpRequest req;
  req.scheme = "https";
  std::size_t eol = text.find('\n');
  const std::string first = text.substr(0, eol);
  const std::size_t sp1 = first.find(' ');
  const std::size_t sp2 = first.rfind(' ');
  req.method = first.substr(0, sp1);
  std::string target = first.substr(sp1 + 1, sp2 - sp1 - 1);
  if (const std::size_t q = target.find('?'); q != std::string::npos) {
    req.query = target.substr(q + 1);
    target.resize(q);
  }
  req.path = target;
  std::size_t pos = eol == std::string::npos ? text.size() : eol + 1;
  while (pos < text.size()) {
    eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      req.body.data = pos < text.size() ? text.substr(pos) : "";
      break;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      req.headers.back().second += "\n" + line;
      continue;
    }
    const std::size_t colon = line.find(':');
    req.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  if (const std::string* host = find_header(req.headers, "host")) req.host = *host;
  return req;
}

std::string trim_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

struct SuiteCase {
  std::string name;
};

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  if (!fs::is_directory(suite_dir())) return names;
  for (const auto& entry : fs::directory_iterator(suite_dir())) {
    if (fs::exists(entry.path() / "context.json")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class SigV4Suite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = suite_dir() / GetParam();
    const auto ctx = nlohmann::json::parse(slurp(dir_ / "context.json"));
    creds_.access_key_id = ctx["credentials"]["access_key_id"];
    creds_.secret_access_key = ctx["credentials"]["secret_access_key"];
    const bool omit_token = ctx.value("omit_session_token", false);
    if (ctx["credentials"].contains("token") && !omit_token) creds_.session_token = ctx["credentials"]["token"];
    params_.region = ctx["region"];
    params_.service = ctx["service"];
    params_.time = parse_iso(ctx["timestamp"]);
    params_.normalize_path = ctx.value("normalize", true);
    params_.double_encode = true;
    params_.sign_body_header = ctx.value("sign_body", false);
    expires_ = std::chrono::seconds(ctx.value("expiration_in_seconds", 3600));
    request_ = parse_request(slurp(dir_ / "request.txt"));
  }
  std::string expected(const char* file) { return trim_end(slurp(dir_ / file)); }

  fs::path dir_;
  Credentials creds_;
  SigningParams params_;
  std::chrono::seconds expires_{3600};
  HttpRequest request_;
};

TEST_P(SigV4Suite, HeaderForm) {
  HttpRequest req = request_;
  const SigningProducts p = sign_request(req, creds_, params_);
  EXPECT_EQ(p.canonical_request, expected("header-canonical-request.txt"));
  EXPECT_EQ(p.string_to_sign, expected("header-string-to-sign.txt"));
  EXPECT_EQ(p.signature, expected("header-signature.txt"));
  const std::string* auth = find_header(req.headers, "Authorization");
  ASSERT_NE(auth, nullptr);
  EXPECT_NE(expected("header-signed-request.txt").find("Authorization:" + *auth), std::string::npos) << *auth;
}

TEST_P(SigV4Suite, QueryForm) {
  SigningProducts p;
  const std::string url = presign_url(request_, creds_, params_, expires_, &p);
  EXPECT_EQ(p.canonical_request, expected("query-canonical-request.txt"));
  EXPECT_EQ(p.string_to_sign, expected("query-string-to-sign.txt"));
  EXPECT_EQ(p.signature, expected("query-signature.txt"));
  EXPECT_NE(url.find("X-Amz-Signature=" + p.signature), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Aws, SigV4Suite, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& case_info) {
                           std::string n = case_info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

// Guards against a silently empty instantiation (the suite directory missing).
TEST(SigV4SuiteFiles, AllCasesPresent) {
  EXPECT_GE(case_names().size(), 38u) << suite_dir();
}

}  // namespace
}  // namespace nova::aws
