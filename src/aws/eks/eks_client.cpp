#include "aws/eks/eks_client.hpp"

#include <nlohmann/json.hpp>

#include "aws/core/http/uri.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;

std::string text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

EksClient::EksClient(ClientConfig config) : client_({"EKS", "eks", Protocol::kRestJson, false}, std::move(config)) {}

EksCluster EksClient::describe_cluster(const std::string& name) {
  const OperationInfo op{"DescribeCluster", true, false, false};
  HttpRequest request = client_.new_request("GET", "/clusters/" + uri_encode(name));
  frame_rest_json(request, {});
  const HttpResponse response = client_.invoke(op, request);
  const json doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  const auto cluster = doc.is_object() ? doc.find("cluster") : doc.end();
  if (!doc.is_object() || cluster == doc.end() || !cluster->is_object()) {
    throw ServiceError("EKS DescribeCluster returned no cluster object", "EKS", op.name, "InvalidResponse",
                       response.status, request_id_of(response), false);
  }
  EksCluster out;
  out.name = text(*cluster, "name");
  out.arn = text(*cluster, "arn");
  out.status = text(*cluster, "status");
  out.endpoint = text(*cluster, "endpoint");
  if (const auto ca = cluster->find("certificateAuthority"); ca != cluster->end() && ca->is_object()) {
    out.certificate_authority_data = text(*ca, "data");
  }
  return out;
}

}  // namespace nova::aws
