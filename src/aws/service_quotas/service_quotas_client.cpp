#include "aws/service_quotas/service_quotas_client.hpp"

#include <nlohmann/json.hpp>

#include "nova/error.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;

constexpr const char* kTargetPrefix = "ServiceQuotasV20190624";

ServiceDescriptor service_quotas_service() { return {"Service Quotas", "servicequotas", Protocol::kJson11, false}; }

std::string text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

ServiceQuotasClient::ServiceQuotasClient(ClientConfig config) : client_(service_quotas_service(), std::move(config)) {}

ListServiceQuotasPage ServiceQuotasClient::list_service_quotas(const std::string& service_code,
                                                               const std::string& next_token,
                                                               std::optional<int> max_results) {
  const OperationInfo op{"ListServiceQuotas", true, false, false};
  json body{{"ServiceCode", service_code}};
  if (!next_token.empty()) body["NextToken"] = next_token;
  if (max_results) body["MaxResults"] = *max_results;
  HttpRequest req = client_.new_request("POST", "/");
  frame_json11(req, kTargetPrefix, op.name, body.dump());
  const json doc = json::parse(client_.invoke(op, req).body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    throw ServiceError("Service Quotas ListServiceQuotas returned a body that is not a JSON object", "Service Quotas",
                       op.name, "InvalidResponse", 200, "", false);
  }
  ListServiceQuotasPage page;
  if (const auto it = doc.find("Quotas"); it != doc.end() && it->is_array()) {
    for (const json& q : *it) {
      ServiceQuota quota{text(q, "QuotaCode"), text(q, "QuotaName"), text(q, "QuotaArn"), 0, false};
      if (const auto v = q.find("Value"); v != q.end() && v->is_number()) quota.value = v->get<double>();
      if (const auto a = q.find("Adjustable"); a != q.end() && a->is_boolean()) quota.adjustable = a->get<bool>();
      page.quotas.push_back(std::move(quota));
    }
  }
  page.next_token = text(doc, "NextToken");
  return page;
}

std::vector<ServiceQuota> ServiceQuotasClient::list_all_service_quotas(const std::string& service_code) {
  std::vector<ServiceQuota> out;
  std::string token;
  for (;;) {
    ListServiceQuotasPage page = list_service_quotas(service_code, token);
    out.insert(out.end(), page.quotas.begin(), page.quotas.end());
    // A token that does not move would loop forever.
    if (page.next_token.empty() || page.next_token == token) break;
    token = std::move(page.next_token);
  }
  return out;
}

}  // namespace nova::aws
