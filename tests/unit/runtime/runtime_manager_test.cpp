#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/runtime.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

TEST(SMTJRuntimeManager, KeepsTheSpecificationParameters) {
  SMTJRuntimeManager m("ml.p5.48xlarge", 2, std::string("arn:aws:iam::123456789012:role/R"), std::string("key-1"),
                       true, std::vector<std::string>{"subnet-1"}, std::vector<std::string>{"sg-1"});
  EXPECT_EQ(m.instance_type(), "ml.p5.48xlarge");
  EXPECT_EQ(m.instance_count(), 2);
  EXPECT_EQ(m.execution_role(), "arn:aws:iam::123456789012:role/R");
  EXPECT_EQ(m.kms_key_id(), "key-1");
  EXPECT_TRUE(m.encrypt_inter_container_traffic());
  EXPECT_EQ(m.platform(), Platform::SMTJ);
  m.set_instance_count(4);
  EXPECT_EQ(m.instance_count(), 4);
}

TEST(SMTJRuntimeManager, DefaultsAsTheSpecification) {
  SMTJRuntimeManager m("ml.g5.12xlarge", 1);
  EXPECT_EQ(m.execution_role(), std::nullopt);
  EXPECT_EQ(m.kms_key_id(), std::nullopt);
  EXPECT_FALSE(m.encrypt_inter_container_traffic());
  EXPECT_EQ(m.subnets(), std::nullopt);
  EXPECT_EQ(m.security_group_ids(), std::nullopt);
}

TEST(SMTJRuntimeManager, RejectsBadParameters) {
  EXPECT_THAT([] { SMTJRuntimeManager("", 1); }, ThrowsMessage<ValueError>(HasSubstr("instance_type")));
  EXPECT_THAT([] { SMTJRuntimeManager("ml.p5.48xlarge", 0); }, ThrowsMessage<ValueError>(HasSubstr("instance_count")));
  EXPECT_THAT([] { SMTJRuntimeManager("ml.p5.48xlarge", 1, std::string("NovaRole")); },
              ThrowsMessage<ValueError>(HasSubstr("IAM role ARN")));
  EXPECT_THAT(
      [] {
        SMTJRuntimeManager("ml.p5.48xlarge", 1, std::nullopt, std::nullopt, false,
                           std::vector<std::string>{"subnet-1"});
      },
      ThrowsMessage<ValueError>(HasSubstr("security_group_ids")));
  SMTJRuntimeManager m("ml.p5.48xlarge", 1);
  EXPECT_THROW(m.set_instance_count(0), ValueError);
}

TEST(SMHPRuntimeManager, ValidatesClusterNameAndNamespace) {
  SMHPRuntimeManager ok("ml.p5.48xlarge", 4, "my-hyperpod-cluster", "kubeflow");
  EXPECT_EQ(ok.cluster_name(), "my-hyperpod-cluster");
  EXPECT_EQ(ok.namespace_name(), "kubeflow");
  EXPECT_EQ(ok.platform(), Platform::SMHP);
  EXPECT_THAT([] { SMHPRuntimeManager("ml.p5.48xlarge", 4, "-bad", "kubeflow"); },
              ThrowsMessage<ValueError>(HasSubstr("Cluster name '-bad' must fit pattern")));
  EXPECT_THAT([] { SMHPRuntimeManager("ml.p5.48xlarge", 4, "c", "kubeflow"); },
              ThrowsMessage<ValueError>(HasSubstr("Cluster name")));
  EXPECT_THAT([] { SMHPRuntimeManager("ml.p5.48xlarge", 4, "cluster", "Kubeflow"); },
              ThrowsMessage<ValueError>(HasSubstr("Namespace 'Kubeflow' must fit pattern")));
  EXPECT_THAT([] { SMHPRuntimeManager("ml.p5.48xlarge", 4, "cluster", "ns-"); },
              ThrowsMessage<ValueError>(HasSubstr("Namespace")));
}

TEST(SMHPRuntimeManager, RefusesIncompleteJobsAndInvalidNamesBeforeAnyCall) {
  SMHPRuntimeManager m("ml.p5.48xlarge", 4, "cluster", "default");
  EXPECT_THAT([&] { m.execute(JobConfig{}); }, ThrowsMessage<ValueError>(HasSubstr("image_uri is required")));
  EXPECT_THAT([&] { m.cleanup("Bad_Job"); }, ThrowsMessage<ValueError>(HasSubstr("not a HyperPod job name")));
}

}  // namespace
}  // namespace nova
