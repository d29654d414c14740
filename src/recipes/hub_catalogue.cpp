#include "recipes/hub_catalogue.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "nova/error.hpp"

namespace nova::recipes {

TemplateLocation parse_template_uri(const std::string& uri) {
  // The reference's two forms, with its messages (reference/hyperpod.md 5.1).
  static const std::regex kAccessPoint(R"(^arn:aws:s3:([^:]+):([^:]+):accesspoint/([^/]+)(?:/(.+))?$)");
  static const std::regex kBucketKey(R"(^s3://([a-zA-Z0-9.\-_]+)/(.+)$)");
  static const std::string kArnPrefix = "s3://arn:aws:s3:";
  std::smatch m;
  if (uri.rfind(kArnPrefix, 0) == 0) {
    const std::string arn_and_key = uri.substr(5);
    if (!std::regex_match(arn_and_key, m, kAccessPoint))
      throw ValueError("Invalid S3 URI or Access Point ARN format: " + uri +
                       " (expected s3://arn:aws:s3:<region>:<account>:accesspoint/<name>/<key> or s3://<bucket>/<key>)");
    if (!m[4].matched) throw ValueError("S3 Access Point ARN must include key: " + uri);
    return TemplateLocation{"arn:aws:s3:" + m[1].str() + ":" + m[2].str() + ":accesspoint/" + m[3].str(), m[4].str(),
                            true, m[1].str(), m[2].str(), m[3].str()};
  }
  if (!std::regex_match(uri, m, kBucketKey))
    throw ValueError("Invalid S3 URI or Access Point ARN format: " + uri +
                     " (expected s3://<bucket>/<key> or s3://arn:aws:s3:<region>:<account>:accesspoint/<name>/<key>)");
  return TemplateLocation{m[1].str(), m[2].str(), false, {}, {}, {}};
}

std::string normalise_hub_document(const std::string& document) {
  auto doc = nlohmann::json::parse(document, nullptr, false);
  if (doc.is_string()) return doc.get<std::string>();
  return document;
}

HubCatalogue::HubCatalogue(HubBackend backend) : backend_(std::move(backend)) {}

HubContent HubCatalogue::hub_content(const std::string& hub_content_name) {
  HubContent content = backend_.describe_hub_content(hub_content_name);
  content.document = normalise_hub_document(content.document);
  return content;
}

std::string HubCatalogue::read(const std::string& uri) {
  std::string resolved = uri;
  static const std::string kCustomer = "{customer_id}";
  for (auto at = resolved.find(kCustomer); at != std::string::npos; at = resolved.find(kCustomer)) {
    if (!account_) account_ = backend_.account_id();
    resolved.replace(at, kCustomer.size(), *account_);
  }
  const auto location = parse_template_uri(resolved);
  if (!location.access_point) return backend_.get_object(location.bucket, location.key);
  try {
    return backend_.get_object(location.bucket, location.key);
  } catch (const std::exception& e) {
    // The reference's message, and what it means: Forge recipes sit behind access points that
    // only subscribed accounts may read.
    throw ValueError("Failed to download from S3 Access Point " + location.bucket + " (key " + location.key + "): " +
                     e.what() + "\nVerify if account " + location.account +
                     " has Forge subscription (a Nova Forge subscription is needed to read data-mixing recipes). Refer: "
                     "https://docs.aws.amazon.com/sagemaker/latest/dg/nova-forge.html#nova-forge-prereq-access or set "
                     "data_mixing_enabled=False");
  }
}

}  // namespace nova::recipes
