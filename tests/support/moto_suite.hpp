#pragma once
// A gtest fixture base: one real moto_server per test suite, with the environment isolated
// from the machine's AWS settings and pointed at it (see use_moto). Derived suites reach
// the server through moto_ and may set more variables through env_.

#include <gtest/gtest.h>

#include "support/moto_server.hpp"
#include "support/scoped_env.hpp"

namespace nova::testing {

class MotoSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new ScopedEnvironment();
    env_->isolate_aws();  // before the server starts: it must not inherit them either
    moto_ = new MotoServer();
    use_moto(*env_, *moto_);
  }
  static void TearDownTestSuite() {
    delete moto_;
    delete env_;
    moto_ = nullptr;
    env_ = nullptr;
  }

  inline static MotoServer* moto_ = nullptr;
  inline static ScopedEnvironment* env_ = nullptr;
};

}  // namespace nova::testing
