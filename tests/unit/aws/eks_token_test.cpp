// The EKS bearer token against the fact sheet's vectors (botocore 1.43.11, clock fixed to
// 2024-01-01T00:00:00Z), its cache and refresh, and the base64 helpers.
#include <gtest/gtest.h>

#include <memory>

#include "aws/eks/base64_text.hpp"
#include "aws/eks/eks_token.hpp"
#include "support/static_credentials.hpp"

namespace nova::aws::eks {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kUrl =
    "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIDEXAMPLE%2F20240101%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20240101T000000Z"
    "&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id";

std::chrono::system_clock::time_point new_year_2024() {
  return std::chrono::system_clock::time_point(seconds(1704067200));
}

Credentials example_credentials(std::string token = {}) {
  Credentials c;
  c.access_key_id = "AKIDEXAMPLE";
  c.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  c.session_token = std::move(token);
  return c;
}

std::string decoded_url(const std::string& token) {
  const std::string body = token.substr(std::string("k8s-aws-v1.").size());
  std::string standard = body;
  for (char& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
  return decode_base64(standard).value_or("<undecodable>");
}

TEST(EksToken, MatchesBotocoreVectorWithoutSessionToken) {
  const EksToken token =
      make_eks_token(example_credentials(), "us-east-1", "sts.us-east-1.amazonaws.com", "my-eks", new_year_2024());
  EXPECT_EQ(token.value,
            "k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIw"
            "MTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BS0lERVhBTVBMRSUyRjIwMjQwMTAx"
            "JTJGdXMtZWFzdC0xJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNDAxMDFUMDAwMDAwWiZYLUFtei1FeHBpcmVzPTYwJlgt"
            "QW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1TaWduYXR1cmU9ZDIzNWMwMThlYjU3MGRkYjcyMzRlZTcyNTkw"
            "M2I2NWZjYzY0OTVkNDliNjcwZjQ0YWJlN2UwNWViMzRhZDNlMQ");
  EXPECT_EQ(decoded_url(token.value),
            std::string(kUrl) + "&X-Amz-Signature=d235c018eb570ddb7234ee725903b65fcc6495d49b670f44abe7e05eb34ad3e1");
  EXPECT_EQ(token.expires_at, new_year_2024() + minutes(14));
}

TEST(EksToken, SessionTokenFollowsSignedHeadersAsBotocoreWritesIt) {
  const EksToken token = make_eks_token(example_credentials("SESSIONTOKEN"), "us-east-1", "sts.us-east-1.amazonaws.com",
                                        "my-eks", new_year_2024());
  EXPECT_EQ(decoded_url(token.value), std::string(kUrl) +
                                          "&X-Amz-Security-Token=SESSIONTOKEN&X-Amz-Signature="
                                          "7ff8095dabc51552cc21037d49f2db3af27855aa744bd9db92102df5a8d63abd");
}

TEST(EksToken, IsUnpaddedBase64Url) {
  for (const char* cluster : {"a", "ab", "abc", "cluster-with-a-longer-name"}) {
    const EksToken token =
        make_eks_token(example_credentials(), "eu-west-1", "sts.eu-west-1.amazonaws.com", cluster, new_year_2024());
    EXPECT_EQ(token.value.find_first_of("=+/"), std::string::npos) << cluster;
  }
}

TEST(EksToken, ExpiresWithCredentialsThatExpireFirst) {
  Credentials c = example_credentials("SESSIONTOKEN");
  c.expiration = new_year_2024() + minutes(5);
  const EksToken token = make_eks_token(c, "us-east-1", "sts.us-east-1.amazonaws.com", "my-eks", new_year_2024());
  EXPECT_EQ(token.expires_at, new_year_2024() + minutes(5));
}

class SettableClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return now_; }
  void sleep_for(std::chrono::milliseconds d) const override { now_ += d; }
  mutable std::chrono::system_clock::time_point now_{new_year_2024()};
};

TEST(EksTokenSource, ReusesTheTokenUntilAMinuteBeforeItsExpiry) {
  auto clock = std::make_shared<SettableClock>();
  EksTokenSource source(std::make_shared<testing::StaticCredentialsProvider>(example_credentials()), "us-east-1", clock);
  const EksToken first = source.token("my-eks");
  EXPECT_EQ(first.value, make_eks_token(example_credentials(), "us-east-1", "sts.us-east-1.amazonaws.com", "my-eks",
                                        new_year_2024())
                             .value);
  clock->now_ += minutes(12) + seconds(59);
  EXPECT_EQ(source.token("my-eks").value, first.value);
  clock->now_ += seconds(1);  // 13 minutes: one minute before the announced 14
  const EksToken second = source.token("my-eks");
  EXPECT_NE(second.value, first.value);
  EXPECT_EQ(second.expires_at, clock->now_ + minutes(14));
}

TEST(EksTokenSource, KeepsOneTokenPerClusterAndRefreshesOnDemand) {
  auto clock = std::make_shared<SettableClock>();
  EksTokenSource source(std::make_shared<testing::StaticCredentialsProvider>(example_credentials()), "us-east-1", clock);
  const std::string a = source.token("cluster-a").value;
  const std::string b = source.token("cluster-b").value;
  EXPECT_NE(a, b);
  clock->now_ += seconds(1);
  EXPECT_EQ(source.token("cluster-a").value, a);
  EXPECT_NE(source.token("cluster-a", /*force_refresh=*/true).value, a);
}

// STS checks X-Amz-Date against its own clock: a local clock 20 minutes behind would make
// every token look 20 minutes old (EKS refuses those older than 15).
TEST(EksTokenSource, SignsWithTheClockOffsetLearntFromServers) {
  auto clock = std::make_shared<SettableClock>();
  auto offset = std::make_shared<ClockOffset>();
  offset->set(minutes(20));
  EksTokenSource source(std::make_shared<testing::StaticCredentialsProvider>(example_credentials()), "us-east-1", clock,
                        offset);
  const EksToken token = source.token("my-eks");
  const std::string url = decoded_url(token.value);
  EXPECT_NE(url.find("&X-Amz-Date=20240101T002000Z&"), std::string::npos) << url;
  EXPECT_EQ(token.value, make_eks_token(example_credentials(), "us-east-1", "sts.us-east-1.amazonaws.com", "my-eks",
                                        new_year_2024() + minutes(20))
                             .value);
  EXPECT_EQ(token.expires_at, new_year_2024() + minutes(14));  // local time, as the cache and kubectl compare it

  // A correction learnt later is used at once: the token signed with the old one is not reused.
  clock->now_ += seconds(1);
  offset->set(-minutes(5));
  EXPECT_NE(decoded_url(source.token("my-eks").value).find("&X-Amz-Date=20231231T235501Z&"), std::string::npos);
}

TEST(EksTokenSource, UsesTheRegionalStsHostOfItsRegion) {
  EksTokenSource source(std::make_shared<testing::StaticCredentialsProvider>(example_credentials()), "cn-north-1",
                        std::make_shared<SettableClock>());
  EXPECT_EQ(decoded_url(source.token("c").value).rfind("https://sts.cn-north-1.amazonaws.com.cn/?Action=", 0), 0u);
}

TEST(Base64Text, DecodesStandardBase64AndRefusesGarbage) {
  EXPECT_EQ(decode_base64("LS0tLS1CRUdJTg==").value(), "-----BEGIN");
  EXPECT_EQ(decode_base64("LS0tLS1C\nRUdJTg").value(), "-----BEGIN");
  EXPECT_FALSE(decode_base64("not*base64").has_value());
  EXPECT_FALSE(decode_base64("QQ=A").has_value());
  EXPECT_EQ(base64url_unpadded("\xfb\xff"), "-_8");
}

}  // namespace
}  // namespace nova::aws::eks
