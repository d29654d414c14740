// The hub catalogue's backend over the real SageMaker, S3 and STS clients.

#include <string_view>

#include "aws/core/http/uri.hpp"
#include "aws/s3/s3_client.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/sts/sts_client.hpp"
#include "recipes/hub_catalogue.hpp"

namespace nova::recipes {
namespace {

aws::BodySink append_to(std::string& body) {
  return [&body](std::string_view chunk) {
    body.append(chunk);
    return true;
  };
}

// GetObject on the access point's own host: the key is the whole path.
std::string read_through_access_point(aws::ClientConfig config, const std::string& arn, const std::string& key) {
  const TemplateLocation location = parse_template_uri("s3://" + arn + "/" + key);
  config.endpoint = access_point_endpoint(location);
  config.region = location.region;
  aws::S3Client client(std::move(config));
  std::string body;
  const aws::BodySink sink = append_to(body);
  const aws::HttpRequest request = client.core().new_request("GET", "/" + aws::uri_encode(key, /*keep_slash=*/true));
  client.core().invoke(aws::OperationInfo{"GetObject"}, request, &sink);
  return body;
}

}  // namespace

std::string access_point_endpoint(const TemplateLocation& location) {
  return "https://" + location.access_point_name + "-" + location.account + ".s3-accesspoint." + location.region +
         ".amazonaws.com";
}

HubBackend aws_hub_backend(aws::ClientConfig sagemaker, aws::ClientConfig s3, aws::ClientConfig sts,
                           bool s3_custom_endpoint) {
  HubBackend backend;
  backend.describe_hub_content = [config = std::move(sagemaker)](const std::string& name) {
    aws::SageMakerClient client(config);
    const auto result = client.describe_hub_content(kPublicHubName, "Model", name);
    return HubContent{result.hub_content_name, result.hub_content_version, result.hub_content_document};
  };
  backend.get_object = [config = std::move(s3), s3_custom_endpoint](const std::string& bucket, const std::string& key) {
    if (bucket.rfind("arn:", 0) == 0 && !s3_custom_endpoint) return read_through_access_point(config, bucket, key);
    std::string body;
    aws::S3Client(config).get_object(bucket, key, append_to(body));
    return body;
  };
  backend.account_id = [config = std::move(sts)]() {
    aws::StsClient client(config);
    return client.get_caller_identity().account;
  };
  return backend;
}

}  // namespace nova::recipes
