#include "support/scoped_env.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace nova::testing {
namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

TEST(ScopedEnvironment, SetsAndRestoresPreviousValue) {
  ::setenv("NOVA_TEST_SCOPED_A", "before", 1);
  {
    ScopedEnvironment env;
    env.set("NOVA_TEST_SCOPED_A", "during");
    env.set("NOVA_TEST_SCOPED_A", "during2");  // touched twice: still restores the first value
    EXPECT_EQ(env_or("NOVA_TEST_SCOPED_A", "<unset>"), "during2");
  }
  EXPECT_EQ(env_or("NOVA_TEST_SCOPED_A", "<unset>"), "before");
  ::unsetenv("NOVA_TEST_SCOPED_A");
}

TEST(ScopedEnvironment, UnsetsVariablesThatDidNotExist) {
  ::unsetenv("NOVA_TEST_SCOPED_B");
  {
    ScopedEnvironment env{{"NOVA_TEST_SCOPED_B", "x"}};
    EXPECT_EQ(env_or("NOVA_TEST_SCOPED_B", "<unset>"), "x");
  }
  EXPECT_EQ(std::getenv("NOVA_TEST_SCOPED_B"), nullptr);
}

TEST(ScopedEnvironment, UnsetIsRestored) {
  ::setenv("NOVA_TEST_SCOPED_C", "keep", 1);
  {
    ScopedEnvironment env{{"NOVA_TEST_SCOPED_C", std::nullopt}};
    EXPECT_EQ(std::getenv("NOVA_TEST_SCOPED_C"), nullptr);
  }
  EXPECT_EQ(env_or("NOVA_TEST_SCOPED_C", "<unset>"), "keep");
  ::unsetenv("NOVA_TEST_SCOPED_C");
}

TEST(ScopedEnvironment, UnsetPrefixAndIsolateAws) {
  ::setenv("AWS_NOVA_TEST_ONE", "1", 1);
  ::setenv("AWS_NOVA_TEST_TWO", "2", 1);
  {
    ScopedEnvironment env;
    env.isolate_aws();
    EXPECT_EQ(std::getenv("AWS_NOVA_TEST_ONE"), nullptr);
    EXPECT_EQ(std::getenv("AWS_NOVA_TEST_TWO"), nullptr);
    EXPECT_EQ(env_or("AWS_EC2_METADATA_DISABLED", ""), "true");
    EXPECT_NE(env_or("AWS_CONFIG_FILE", "").find("nonexistent"), std::string::npos);
  }
  EXPECT_EQ(env_or("AWS_NOVA_TEST_ONE", "<unset>"), "1");
  EXPECT_EQ(env_or("AWS_NOVA_TEST_TWO", "<unset>"), "2");
  ::unsetenv("AWS_NOVA_TEST_ONE");
  ::unsetenv("AWS_NOVA_TEST_TWO");
}

}  // namespace
}  // namespace nova::testing
