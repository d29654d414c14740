#pragma once
// AWS Signature Version 4 (AWS4-HMAC-SHA256), headers and presigned query forms.

#include <chrono>
#include <string>

#include "aws/core/credentials/credentials.hpp"
#include "aws/core/http/http_request.hpp"

namespace nova::aws {

struct SigningParams {
  std::string region;
  std::string service;  // signing name: "s3", "sagemaker", "bedrock", ...
  std::chrono::system_clock::time_point time;
  // S3 rules: no path normalisation, single URI encoding, x-amz-content-sha256 always sent.
  bool s3{false};
  // Every service but S3: remove `.`/`..` segments and repeated '/' from the path...
  bool normalize_path{true};
  // ...and percent-encode the (already encoded) wire path a second time.
  bool double_encode{true};
  // Add and sign x-amz-content-sha256 (always true for S3).
  bool sign_body_header{false};
};

// The intermediate products, exposed for tests against AWS's suite and botocore.
struct SigningProducts {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
  std::string authorization;  // header value
};

// Adds X-Amz-Date, X-Amz-Security-Token (when the credentials have a token),
// x-amz-content-sha256 (S3 or sign_body_header) and Authorization to `request`.
SigningProducts sign_request(HttpRequest& request, const Credentials& credentials, const SigningParams& params);

// Presigned URL (query-string auth), valid for `expires`.
std::string presign_url(const HttpRequest& request, const Credentials& credentials, const SigningParams& params,
                        std::chrono::seconds expires, SigningProducts* products = nullptr);

}  // namespace nova::aws
