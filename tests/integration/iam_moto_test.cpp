// IAM roles and policies against a real moto_server: documents come back URL-decoded, as
// the JSON that was sent.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "aws/iam/iam_client.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "support/moto_suite.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Characters that must survive URL-encoding both ways: '+', '%', '&', '=', spaces, unicode.
constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"1+2 %3&a=b é"}}}]})";
constexpr const char* kPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::nova-*/*"}]})";

class IamMotoTest : public nova::testing::MotoSuite {
 protected:
  static IamClient iam() { return Session().iam(); }
  static std::string unique(const std::string& stem) { return stem + "-" + std::to_string(::getpid()); }
};

TEST_F(IamMotoTest, RoleRoundTripsItsTrustPolicy) {
  IamClient client = iam();
  const std::string name = unique("nova-exec");
  const IamRole created = client.create_role(name, kTrust, "Nova execution role");
  EXPECT_EQ(created.arn, "arn:aws:iam::123456789012:role/" + name);
  EXPECT_EQ(created.role_name, name);
  EXPECT_FALSE(created.role_id.empty());

  const IamRole read = client.get_role(name);
  EXPECT_EQ(read.arn, created.arn);
  EXPECT_EQ(read.role_id, created.role_id);
  EXPECT_EQ(read.description, "Nova execution role");
  EXPECT_EQ(json::parse(read.assume_role_policy_document), json::parse(kTrust));
}

TEST_F(IamMotoTest, MissingRoleIsNoSuchEntity) {
  try {
    iam().get_role("nova-no-such-role");
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "NoSuchEntity");
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_THAT(e.what(), HasSubstr("nova-no-such-role"));
  }
}

TEST_F(IamMotoTest, ManagedPolicyAttachedAndReadBack) {
  IamClient client = iam();
  const std::string role = unique("nova-managed");
  client.create_role(role, kTrust);
  const IamManagedPolicy policy = client.create_policy(unique("nova-s3"), kPolicy, "S3 access");
  EXPECT_EQ(policy.arn, "arn:aws:iam::123456789012:policy/" + unique("nova-s3"));
  EXPECT_EQ(policy.default_version_id, "v1");
  client.attach_role_policy(role, policy.arn);

  const auto attached = client.list_attached_role_policies(role);
  ASSERT_EQ(attached.size(), 1U);
  EXPECT_EQ(attached[0].policy_arn, policy.arn);
  EXPECT_EQ(attached[0].policy_name, unique("nova-s3"));

  const IamManagedPolicy read = client.get_policy(policy.arn);
  EXPECT_EQ(read.policy_name, unique("nova-s3"));
  EXPECT_EQ(read.default_version_id, "v1");
  const IamPolicyVersion version = client.get_policy_version(policy.arn, read.default_version_id);
  EXPECT_EQ(version.version_id, "v1");
  EXPECT_TRUE(version.is_default_version);
  EXPECT_EQ(json::parse(version.document), json::parse(kPolicy));
}

TEST_F(IamMotoTest, InlinePoliciesListedAndRead) {
  IamClient client = iam();
  const std::string role = unique("nova-inline");
  client.create_role(role, kTrust);
  // The SDK only reads inline policies; PutRolePolicy is sent raw through the same client.
  for (const char* name : {"b-inline", "a-inline"}) {
    HttpRequest r = client.core().new_request("POST", "/");
    frame_query(r, "PutRolePolicy", "2010-05-08", {{"RoleName", role}, {"PolicyName", name}, {"PolicyDocument", kPolicy}});
    (void)client.core().invoke({"PutRolePolicy", true, false, false}, r);
  }
  auto names = client.list_role_policies(role);
  std::sort(names.begin(), names.end());
  EXPECT_THAT(names, ElementsAre("a-inline", "b-inline"));
  const IamRolePolicy p = client.get_role_policy(role, "a-inline");
  EXPECT_EQ(p.role_name, role);
  EXPECT_EQ(p.policy_name, "a-inline");
  EXPECT_EQ(json::parse(p.policy_document), json::parse(kPolicy));
}

TEST_F(IamMotoTest, EndpointIsTheGlobalOneSignedForUsEast1) {
  nova::testing::ScopedEnvironment env{{"AWS_ENDPOINT_URL", std::nullopt}, {"AWS_REGION", "eu-west-2"}};
  const ClientConfig c = Session().client_config("iam");
  EXPECT_EQ(c.endpoint, "https://iam.amazonaws.com");
  EXPECT_EQ(c.region, "us-east-1");
}

}  // namespace
}  // namespace nova::aws
