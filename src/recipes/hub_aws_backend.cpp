// The hub catalogue's backend over the real SageMaker, S3 and STS clients.

#include "aws/s3/s3_client.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/sts/sts_client.hpp"
#include "recipes/hub_catalogue.hpp"

namespace nova::recipes {

HubBackend aws_hub_backend(aws::ClientConfig sagemaker, aws::ClientConfig s3, aws::ClientConfig sts) {
  HubBackend backend;
  backend.describe_hub_content = [config = std::move(sagemaker)](const std::string& name) {
    aws::SageMakerClient client(config);
    const auto result = client.describe_hub_content(kPublicHubName, "Model", name);
    return HubContent{result.hub_content_name, result.hub_content_version, result.hub_content_document};
  };
  backend.get_object = [config = std::move(s3)](const std::string& bucket, const std::string& key) {
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
