// S3's worked SigV4 examples (S3 API reference), plus signer behaviours the suite does not
// cover: re-signing for a retry, session tokens, presigned S3 URLs.

#include <gtest/gtest.h>
#include <time.h>

#include "aws/core/sigv4/crypto.hpp"
#include "aws/core/sigv4/signer.hpp"

namespace nova::aws {
namespace {

std::chrono::system_clock::time_point at(int y, int mo, int d, int h, int mi, int s) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

class S3Examples : public ::testing::Test {
 protected:
  S3Examples() {
    creds_.access_key_id = "AKIAIOSFODNN7EXAMPLE";
    creds_.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    params_.region = "us-east-1";
    params_.service = "s3";
    params_.s3 = true;
    params_.time = at(2013, 5, 24, 0, 0, 0);
  }
  HttpRequest request(std::string method, std::string path, std::string query = "") {
    HttpRequest r;
    r.method = std::move(method);
    r.scheme = "https";
    r.host = "examplebucket.s3.amazonaws.com";
    r.path = std::move(path);
    r.query = std::move(query);
    return r;
  }
  Credentials creds_;
  SigningParams params_;
};

TEST_F(S3Examples, GetObjectWithRange) {
  HttpRequest r = request("GET", "/test.txt");
  r.headers.emplace_back("Range", "bytes=0-9");
  const auto p = sign_request(r, creds_, params_);
  EXPECT_EQ(p.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(*find_header(r.headers, "x-amz-content-sha256"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(S3Examples, PutObjectSingleEncodedKey) {
  HttpRequest r = request("PUT", "/test%24file.text");
  r.headers.emplace_back("Date", "Fri, 24 May 2013 00:00:00 GMT");
  r.headers.emplace_back("x-amz-storage-class", "REDUCED_REDUNDANCY");
  r.body.data = "Welcome to Amazon S3.";
  const auto p = sign_request(r, creds_, params_);
  EXPECT_NE(p.canonical_request.find("\n/test%24file.text\n"), std::string::npos) << p.canonical_request;
  EXPECT_EQ(p.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST_F(S3Examples, GetBucketLifecycleValuelessQuery) {
  HttpRequest r = request("GET", "/", "lifecycle");
  const auto p = sign_request(r, creds_, params_);
  EXPECT_NE(p.canonical_request.find("\nlifecycle=\n"), std::string::npos);
  EXPECT_EQ(p.signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST_F(S3Examples, ListObjectsQuery) {
  HttpRequest r = request("GET", "/", "max-keys=2&prefix=J");
  const auto p = sign_request(r, creds_, params_);
  EXPECT_EQ(p.signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST_F(S3Examples, S3PathIsNeitherNormalisedNorDoubleEncoded) {
  HttpRequest r = request("GET", "/a//b/./c%3Ad");
  const auto p = sign_request(r, creds_, params_);
  EXPECT_NE(p.canonical_request.find("\n/a//b/./c%3Ad\n"), std::string::npos) << p.canonical_request;
}

TEST_F(S3Examples, NonS3PathIsDoubleEncoded) {
  params_.s3 = false;
  params_.service = "bedrock";
  HttpRequest r = request("GET", "/custom-models/arn%3Aaws%3Abedrock%2Fx");
  const auto p = sign_request(r, creds_, params_);
  EXPECT_NE(p.canonical_request.find("\n/custom-models/arn%253Aaws%253Abedrock%252Fx\n"), std::string::npos)
      << p.canonical_request;
}

TEST_F(S3Examples, ResigningReplacesPreviousAuthHeaders) {
  creds_.session_token = "TOKEN";
  HttpRequest r = request("GET", "/test.txt");
  sign_request(r, creds_, params_);
  params_.time += std::chrono::seconds(5);
  const auto p = sign_request(r, creds_, params_);
  int auth = 0, date = 0, token = 0;
  for (const auto& [k, v] : r.headers) {
    auth += k == "Authorization";
    date += k == "X-Amz-Date";
    token += k == "X-Amz-Security-Token";
  }
  EXPECT_EQ(auth, 1);
  EXPECT_EQ(date, 1);
  EXPECT_EQ(token, 1);
  EXPECT_EQ(*find_header(r.headers, "x-amz-date"), "20130524T000005Z");
  EXPECT_NE(p.canonical_request.find("x-amz-security-token:TOKEN\n"), std::string::npos);
  EXPECT_NE(p.authorization.find("x-amz-security-token"), std::string::npos);
}

TEST_F(S3Examples, PresignedS3UrlUsesUnsignedPayload) {
  HttpRequest r = request("GET", "/test.txt");
  SigningProducts p;
  const std::string url = presign_url(r, creds_, params_, std::chrono::seconds(86400), &p);
  EXPECT_TRUE(p.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
  // The documented S3 presigned example (same inputs, 86400 s).
  EXPECT_EQ(p.signature, "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  EXPECT_TRUE(url.starts_with("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"));
}

TEST(Crypto, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 h;
  h.update("Welcome to ");
  h.update("Amazon S3.");
  EXPECT_EQ(h.hex_digest(), sha256_hex("Welcome to Amazon S3."));
  EXPECT_EQ(base64(md5("")), "1B2M2Y8AsgTpgAmY7PhCfg==");
  const std::string u = random_uuid();
  EXPECT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '4');
}

}  // namespace
}  // namespace nova::aws
