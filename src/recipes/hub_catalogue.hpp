#pragma once
// The live catalogue: DescribeHubContent on the SageMaker Public Hub for the model's hub
// content name, and S3 GetObject for the template URIs its recipes name. `{customer_id}`
// in a URI becomes the caller's account; `s3://arn:aws:s3:<region>:<acct>:accesspoint/<name>/<key>`
// reads through an access point (Forge data-mixing recipes).

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "aws/core/aws_client.hpp"
#include "recipes/catalogue_source.hpp"

namespace nova::recipes {

inline constexpr const char* kPublicHubName = "SageMakerPublicHub";

// The three AWS calls the hub catalogue makes, injectable for tests.
struct HubBackend {
  std::function<HubContent(const std::string& hub_content_name)> describe_hub_content;
  std::function<std::string(const std::string& bucket, const std::string& key)> get_object;
  std::function<std::string()> account_id;
};

// The backend over real clients: SageMaker, S3 and STS configurations (a Session's
// client_config(...), or ones pointing at a stand-in).
// An access point is read on its own host, `<name>-<account>.s3-accesspoint.<region>.amazonaws.com`
// (signed for the ARN's region); with a custom S3 endpoint (`s3_custom_endpoint`) the ARN
// goes path-style where a bucket name would, since `<name>-<account>.<endpoint host>` (what
// botocore builds there) does not resolve for a loopback or IP endpoint.
HubBackend aws_hub_backend(aws::ClientConfig sagemaker, aws::ClientConfig s3, aws::ClientConfig sts,
                           bool s3_custom_endpoint = false);

class HubCatalogue : public CatalogueSource {
 public:
  explicit HubCatalogue(HubBackend backend);
  HubContent hub_content(const std::string& hub_content_name) override;
  std::string read(const std::string& uri) override;

 private:
  HubBackend backend_;
  std::optional<std::string> account_;
};

// Where an s3:// template URI is read from: a bucket name or an access-point ARN, and a key.
struct TemplateLocation {
  std::string bucket;  // the bucket name, or the access point's ARN
  std::string key;
  bool access_point{false};
  std::string region, account, access_point_name;  // access points only
};
// @throws ValueError when the URI is neither form, or an access-point URI has no key.
TemplateLocation parse_template_uri(const std::string& uri);
// The endpoint URL of an access point on AWS's own S3 endpoints.
std::string access_point_endpoint(const TemplateLocation& location);

// A HubContentDocument may arrive as an object or as a JSON string holding one.
std::string normalise_hub_document(const std::string& document);

}  // namespace nova::recipes
