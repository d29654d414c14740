#include <gtest/gtest.h>

#include "runtime/execution_role.hpp"

namespace nova::runtime {
namespace {

TEST(ExecutionRole, RoleCallerIsUsedAsIs) {
  EXPECT_EQ(role_arn_of_caller("arn:aws:iam::123456789012:role/service/Nova"),
            "arn:aws:iam::123456789012:role/service/Nova");
}

TEST(ExecutionRole, AssumedRoleBecomesItsRole) {
  EXPECT_EQ(role_arn_of_caller("arn:aws:sts::123456789012:assumed-role/NovaRole/botocore-session-1"),
            "arn:aws:iam::123456789012:role/NovaRole");
  EXPECT_EQ(role_arn_of_caller("arn:aws-cn:sts::123456789012:assumed-role/R/s"), "arn:aws-cn:iam::123456789012:role/R");
}

TEST(ExecutionRole, UserHasNoRole) {
  EXPECT_EQ(role_arn_of_caller("arn:aws:iam::123456789012:user/alice"), std::nullopt);
  EXPECT_EQ(role_arn_of_caller("arn:aws:iam::123456789012:root"), std::nullopt);
}

TEST(ExecutionRole, GivenRoleWins) {
  const PlannedRole r = plan_execution_role(std::string("arn:aws:iam::1:role/Mine"),
                                            "arn:aws:sts::123456789012:assumed-role/Other/s", "123456789012");
  EXPECT_EQ(r.arn, "arn:aws:iam::1:role/Mine");
  EXPECT_FALSE(r.is_default_role);
}

TEST(ExecutionRole, UserGetsTheDefaultRole) {
  const PlannedRole r = plan_execution_role(std::nullopt, "arn:aws:iam::123456789012:user/alice", "123456789012");
  EXPECT_EQ(r.arn, "arn:aws:iam::123456789012:role/AmazonSageMaker-DefaultRole");
  EXPECT_TRUE(r.is_default_role);
}

}  // namespace
}  // namespace nova::runtime
