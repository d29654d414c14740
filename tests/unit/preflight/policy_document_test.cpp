#include "preflight/policy_document.hpp"

#include <gtest/gtest.h>

namespace nova::preflight {
namespace {

TEST(ActionMatches, WildcardsAndCase) {
  EXPECT_TRUE(action_matches("s3:GetObject", "s3:GetObject"));
  EXPECT_TRUE(action_matches("S3:getobject", "s3:GetObject"));
  EXPECT_TRUE(action_matches("s3:Get*", "s3:GetObject"));
  EXPECT_TRUE(action_matches("s3:*", "s3:PutObject"));
  EXPECT_TRUE(action_matches("*", "iam:PassRole"));
  EXPECT_TRUE(action_matches("s3:?etObject", "s3:GetObject"));
  EXPECT_TRUE(action_matches("s3:*Object*", "s3:GetObjectVersion"));
  EXPECT_FALSE(action_matches("s3:Get*", "s3:PutObject"));
  EXPECT_FALSE(action_matches("s3:GetObject", "s3:GetObjectAcl"));
  EXPECT_FALSE(action_matches("sagemaker:*", "s3:GetObject"));
}

TEST(PolicyAllows, AllowStatementsInEveryShape) {
  const std::string single = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})";
  const std::string listed = R"({"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::b/*"}]})";
  EXPECT_TRUE(policy_allows(single, "s3:PutObject", "arn:aws:s3:::any/key"));
  EXPECT_TRUE(policy_allows(listed, "s3:GetObject", "arn:aws:s3:::b/data/train.jsonl"));
  EXPECT_FALSE(policy_allows(listed, "s3:PutObject", "arn:aws:s3:::b/data/train.jsonl"));
}

TEST(PolicyAllows, ResourcesMatchExactlyAndByPattern) {
  const std::string doc = R"({"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::data/train/*"]}]})";
  EXPECT_TRUE(policy_allows(doc, "s3:GetObject", "arn:aws:s3:::data/train/a.jsonl"));
  EXPECT_FALSE(policy_allows(doc, "s3:GetObject", "arn:aws:s3:::data/test/a.jsonl"));
  EXPECT_FALSE(policy_allows(doc, "s3:GetObject", "arn:aws:s3:::DATA/train/a.jsonl"));  // ARNs are case-sensitive
  EXPECT_FALSE(policy_allows(doc, "s3:GetObject", "arn:aws:s3:::other/train/a.jsonl"));
}

TEST(PolicyAllows, ConditionalAllowsAreNotCounted) {
  const std::string doc = R"({"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                                            "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]})";
  EXPECT_FALSE(policy_allows(doc, "s3:GetObject", "arn:aws:s3:::b/k"));
}

TEST(PolicyAllows, DenyOnAMatchingResourceWins) {
  const std::string doc = R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
                                           {"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::locked/*"}]})";
  EXPECT_TRUE(policy_allows(doc, "s3:GetObject", "arn:aws:s3:::locked/k"));
  EXPECT_FALSE(policy_allows(doc, "s3:PutObject", "arn:aws:s3:::locked/k"));
  EXPECT_TRUE(policy_allows(doc, "s3:PutObject", "arn:aws:s3:::open/k"));
}

TEST(PolicyAllows, MalformedDocumentsAllowNothing) {
  EXPECT_FALSE(policy_allows("not json", "s3:GetObject", "*"));
  EXPECT_FALSE(policy_allows("{}", "s3:GetObject", "*"));
  EXPECT_FALSE(policy_allows(R"({"Statement":"x"})", "s3:GetObject", "*"));
}

TEST(TrustPolicy, NamesTheServicePrincipal) {
  const std::string sagemaker = R"({"Statement":[{"Effect":"Allow","Principal":{"Service":["sagemaker.amazonaws.com"]},"Action":"sts:AssumeRole"}]})";
  const std::string bedrock = R"({"Statement":{"Effect":"Allow","Principal":{"Service":"bedrock.amazonaws.com"},"Action":"sts:AssumeRole"}})";
  const std::string denied = R"({"Statement":[{"Effect":"Deny","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  const std::string other_action = R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:TagSession"}]})";
  EXPECT_TRUE(trust_policy_allows_service(sagemaker, "sagemaker.amazonaws.com"));
  EXPECT_FALSE(trust_policy_allows_service(bedrock, "sagemaker.amazonaws.com"));
  EXPECT_FALSE(trust_policy_allows_service(denied, "sagemaker.amazonaws.com"));
  EXPECT_FALSE(trust_policy_allows_service(other_action, "sagemaker.amazonaws.com"));
}

}  // namespace
}  // namespace nova::preflight
