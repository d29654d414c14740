#include "aws/sagemaker/cluster_list.hpp"

#include <nlohmann/json.hpp>

#include "aws/sagemaker/sagemaker_json.hpp"

namespace nova::aws {

std::vector<ClusterSummary> list_clusters(SageMakerClient& sm) {
  using nlohmann::json;
  const OperationInfo op{"ListClusters", true, false, false};
  std::vector<ClusterSummary> out;
  std::string token;
  do {
    json body = json::object();
    if (!token.empty()) body["NextToken"] = token;
    HttpRequest req = sm.core().new_request("POST", "/");
    frame_json11(req, "SageMaker", op.name, body.dump());
    const json doc = sagemaker_json::parse_body(sm.core().invoke(op, req).body, op.name);
    if (const auto it = doc.find("ClusterSummaries"); it != doc.end() && it->is_array()) {
      for (const json& c : *it) {
        out.push_back({sagemaker_json::text(c, "ClusterName"), sagemaker_json::text(c, "ClusterArn"),
                       sagemaker_json::text(c, "ClusterStatus")});
      }
    }
    const std::string next = sagemaker_json::text(doc, "NextToken");
    token = next == token ? std::string() : next;
  } while (!token.empty());
  return out;
}

}  // namespace nova::aws
