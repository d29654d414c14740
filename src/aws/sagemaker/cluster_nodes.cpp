#include "aws/sagemaker/cluster_nodes.hpp"

#include "aws/sagemaker/sagemaker_json.hpp"
#include "aws/core/protocol/page_tokens.hpp"

namespace nova::aws {

std::vector<ClusterNode> list_cluster_nodes(SageMakerClient& client, const std::string& cluster_name,
                                            const std::string& group_contains) {
  using sagemaker_json::nested_text;
  using sagemaker_json::text;
  const OperationInfo op{"ListClusterNodes", true, false, false};
  std::vector<ClusterNode> out;
  std::string next_token;
  PageTokens tokens("SageMaker", op.name);
  do {
    nlohmann::json body{{"ClusterName", cluster_name}};
    if (!group_contains.empty()) body["InstanceGroupNameContains"] = group_contains;
    if (!next_token.empty()) body["NextToken"] = next_token;
    HttpRequest request = client.core().new_request("POST", "/");
    frame_json11(request, "SageMaker", op.name, body.dump());
    const auto doc = sagemaker_json::parse_body(client.core().invoke(op, request).body, op.name);
    if (const auto nodes = doc.find("ClusterNodeSummaries"); nodes != doc.end() && nodes->is_array()) {
      for (const auto& n : *nodes) {
        out.push_back({text(n, "InstanceGroupName"), text(n, "InstanceId"), text(n, "InstanceType"),
                       nested_text(n, "InstanceStatus", "Status"), nested_text(n, "InstanceStatus", "Message")});
      }
    }
    next_token = text(doc, "NextToken");
    if (!next_token.empty()) tokens.advance(next_token);
  } while (!next_token.empty());
  return out;
}

}  // namespace nova::aws
