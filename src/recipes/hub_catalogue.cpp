#include "recipes/hub_catalogue.hpp"

#include <nlohmann/json.hpp>

#include "aws/s3/s3_uri.hpp"
#include "nova/error.hpp"

namespace nova::recipes {

TemplateLocation parse_template_uri(const std::string& uri) {
  static const std::string kAccessPoint = "s3://arn:aws:s3:";
  if (uri.rfind(kAccessPoint, 0) == 0) {
    // s3://arn:aws:s3:<region>:<acct>:accesspoint/<name>/<key>
    const std::string arn_and_key = uri.substr(5);
    const auto ap = arn_and_key.find(":accesspoint/");
    const auto slash = ap == std::string::npos ? std::string::npos : arn_and_key.find('/', ap + 13);
    if (slash == std::string::npos || slash + 1 >= arn_and_key.size())
      throw ValueError("template URI '" + uri + "' is not s3://arn:aws:s3:<region>:<account>:accesspoint/<name>/<key>");
    return TemplateLocation{arn_and_key.substr(0, slash), arn_and_key.substr(slash + 1), true};
  }
  const auto parsed = aws::try_parse_s3_uri(uri);
  if (!parsed || parsed->key.empty())
    throw ValueError("template URI '" + uri + "' is not s3://bucket/key or an S3 access-point URI");
  return TemplateLocation{parsed->bucket, parsed->key, false};
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
    throw ValueError("Could not read the recipe template " + resolved + " through the S3 access point " +
                     location.bucket + ": " + e.what() +
                     ". Data-mixing (Nova Forge) recipes are published through access points and need an active "
                     "Nova Forge subscription for this account; choose a recipe without data mixing meanwhile.");
  }
}

}  // namespace nova::recipes
