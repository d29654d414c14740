// The hub catalogue's backend over the real SageMaker, S3 and STS clients.

#include <vector>

#include "aws/s3/s3_client.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/sts/sts_client.hpp"
#include "nova/error.hpp"
#include "recipes/hub_catalogue.hpp"

namespace nova::recipes {
namespace {

// The S3 client addresses buckets path-style on the service endpoint; an access point
// answers only on its own host, so an ARN in the path could only earn a confusing S3 error.
[[noreturn]] void refuse_access_point(const std::string& arn) {
  // arn:aws:s3:<region>:<account>:accesspoint/<name>
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const auto colon = arn.find(':', start);
    parts.push_back(arn.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  std::string host = "its own endpoint";
  if (parts.size() == 6 && parts[5].rfind("accesspoint/", 0) == 0)
    host = parts[5].substr(12) + "-" + parts[4] + ".s3-accesspoint." + parts[3] + ".amazonaws.com";
  throw NotImplementedError("reading through the S3 access point " + arn +
                            " is not implemented: the SDK's S3 client cannot address access points (" + host + ")");
}

}  // namespace

HubBackend aws_hub_backend(aws::ClientConfig sagemaker, aws::ClientConfig s3, aws::ClientConfig sts) {
  HubBackend backend;
  backend.describe_hub_content = [config = std::move(sagemaker)](const std::string& name) {
    aws::SageMakerClient client(config);
    const auto result = client.describe_hub_content(kPublicHubName, "Model", name);
    return HubContent{result.hub_content_name, result.hub_content_version, result.hub_content_document};
  };
  backend.get_object = [config = std::move(s3)](const std::string& bucket, const std::string& key) {
    if (bucket.rfind("arn:", 0) == 0) refuse_access_point(bucket);
    aws::S3Client client(config);
    std::string body;
    client.get_object(bucket, key, [&body](std::string_view chunk) {
      body.append(chunk);
      return true;
    });
    return body;
  };
  backend.account_id = [config = std::move(sts)]() {
    aws::StsClient client(config);
    return client.get_caller_identity().account;
  };
  return backend;
}

}  // namespace nova::recipes
