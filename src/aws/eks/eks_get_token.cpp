#include <nlohmann/json.hpp>

#include "aws/core/credentials/credentials_util.hpp"
#include "aws/eks/eks_token.hpp"
#include "aws/session/session.hpp"
#include "nova/eks.hpp"

namespace nova {

EksBearerToken eks_get_token(const std::string& eks_cluster_name, const AwsOptions& options) {
  if (eks_cluster_name.empty()) throw ValueError("the EKS cluster name must not be empty (e.g. --cluster-name my-eks)");
  aws::SessionOptions so;
  so.profile = options.profile;
  so.region = options.region;
  so.endpoint_url = options.endpoint_url;
  const aws::Session session(std::move(so));
  const aws::eks::EksToken token = aws::eks::token_source(session).token(eks_cluster_name);
  return {token.value, aws::format_iso8601(token.expires_at)};
}

std::string exec_credential_json(const EksBearerToken& token, const std::string& api_version) {
  // Key order as `aws eks get-token` writes it.
  const nlohmann::ordered_json out = {
      {"kind", "ExecCredential"},
      {"apiVersion", api_version},
      {"spec", nlohmann::json::object()},
      {"status", {{"expirationTimestamp", token.expiration_timestamp}, {"token", token.token}}}};
  return out.dump();
}

}  // namespace nova
