#pragma once
// A gtest fixture base: one stand-in (tests/support/aws_standin.py, with its own moto_server
// behind it) per test suite, the environment isolated from the machine's AWS settings and
// pointed at it, a private recipe cache, and the process-wide session reset around the
// suite. TearDown fails the test when the stand-in saw a request or wrote an answer that
// botocore's model does not accept.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/session/session.hpp"
#include "support/scoped_env.hpp"
#include "support/standin_server.hpp"

namespace nova::testing {

class StandinSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new ScopedEnvironment();
    env_->isolate_aws();
    standin_ = new StandinServer();
    env_->set("AWS_ENDPOINT_URL", standin_->endpoint());
    env_->set("AWS_ACCESS_KEY_ID", "testing");
    env_->set("AWS_SECRET_ACCESS_KEY", "testing");
    env_->set("AWS_REGION", "us-east-1");
    env_->set("AWS_EC2_METADATA_DISABLED", "true");
    cache_dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                           ("nova-standin-cache-" + std::to_string(standin_->port())));
    env_->set("NOVA_CACHE_DIR", cache_dir_->string());
    aws::Session::set_shared(nullptr);
  }
  static void TearDownTestSuite() {
    aws::Session::set_shared(nullptr);
    std::filesystem::remove_all(*cache_dir_);
    delete cache_dir_;
    delete standin_;
    delete env_;
    cache_dir_ = nullptr;
    standin_ = nullptr;
    env_ = nullptr;
  }
  void TearDown() override { EXPECT_EQ(standin_->failures_json(), "[]"); }

  // The params of every call to `operation` the stand-in recorded, in arrival order.
  static std::vector<nlohmann::json> recorded_calls(const std::string& operation) {
    std::vector<nlohmann::json> out;
    for (const auto& call : nlohmann::json::parse(standin_->calls_json())) {
      if (call["operation"] == operation) out.push_back(call["params"]);
    }
    return out;
  }

  inline static StandinServer* standin_ = nullptr;
  inline static ScopedEnvironment* env_ = nullptr;
  inline static std::filesystem::path* cache_dir_ = nullptr;
};

}  // namespace nova::testing
