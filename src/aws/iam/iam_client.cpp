#include "aws/iam/iam_client.hpp"

#include <functional>
#include <pugixml.hpp>

#include "aws/core/http/uri.hpp"
#include "nova/error.hpp"
#include "aws/core/protocol/page_tokens.hpp"

namespace nova::aws {
namespace {

constexpr const char* kVersion = "2010-05-08";

ServiceDescriptor iam_service() { return {"IAM", "iam", Protocol::kQuery, false}; }

OperationInfo read_op(const char* name) { return {name, true, false, false}; }
// Creating twice answers EntityAlreadyExists: never retried.
OperationInfo create_op(const char* name) { return {name, false, false, false}; }

// <OpResponse><OpResult>...</OpResult></OpResponse>
pugi::xml_node result_node(pugi::xml_document& doc, const std::string& body, const std::string& op) {
  if (!doc.load_buffer(body.data(), body.size())) {
    throw ServiceError("IAM " + op + " returned a body that is not XML", "IAM", op, "InvalidResponse", 200, "", false);
  }
  return doc.document_element().child((op + "Result").c_str());
}

IamRole parse_role(pugi::xml_node role) {
  IamRole out;
  out.arn = role.child_value("Arn");
  out.role_name = role.child_value("RoleName");
  out.role_id = role.child_value("RoleId");
  out.path = role.child_value("Path");
  out.description = role.child_value("Description");
  // Policy documents travel URL-encoded (RFC 3986) inside the XML.
  out.assume_role_policy_document = uri_decode(role.child_value("AssumeRolePolicyDocument"));
  return out;
}

IamManagedPolicy parse_policy(pugi::xml_node policy) {
  return {policy.child_value("Arn"), policy.child_value("PolicyName"), policy.child_value("PolicyId"),
          policy.child_value("DefaultVersionId")};
}

using SendQuery = std::function<std::string(const QueryParams&)>;

// Every page of a Marker-paginated operation: `params` plus the marker of the page before;
// `on_result` sees each <OpResult> node.
void each_page(const SendQuery& send, const std::string& op, const QueryParams& params,
               const std::function<void(pugi::xml_node)>& on_result) {
  std::string marker;
  PageTokens markers("IAM", op);
  bool more = true;
  while (more) {
    QueryParams page = params;
    if (!marker.empty()) page.emplace_back("Marker", marker);
    pugi::xml_document doc;
    const pugi::xml_node r = result_node(doc, send(page), op);
    on_result(r);
    marker = r.child_value("Marker");
    more = std::string_view(r.child_value("IsTruncated")) == "true" && !marker.empty();
    if (more) markers.advance(marker);
  }
}

}  // namespace

IamClient::IamClient(ClientConfig config) : client_(iam_service(), std::move(config)) {}

std::string IamClient::call(const OperationInfo& op, const QueryParams& params) {
  HttpRequest req = client_.new_request("POST", "/");
  frame_query(req, op.name, kVersion, params);
  return client_.invoke(op, req).body;
}

std::function<std::string(const QueryParams&)> IamClient::sender(const OperationInfo& op) {
  return [this, op](const QueryParams& params) { return call(op, params); };
}

IamRole IamClient::get_role(const std::string& role_name) {
  const OperationInfo op = read_op("GetRole");
  pugi::xml_document doc;
  return parse_role(result_node(doc, call(op, {{"RoleName", role_name}}), op.name).child("Role"));
}

IamRole IamClient::create_role(const std::string& role_name, const std::string& trust_policy_json,
                               const std::string& description) {
  const OperationInfo op = create_op("CreateRole");
  QueryParams params{{"RoleName", role_name}, {"AssumeRolePolicyDocument", trust_policy_json}};
  if (!description.empty()) params.emplace_back("Description", description);
  pugi::xml_document doc;
  return parse_role(result_node(doc, call(op, params), op.name).child("Role"));
}

void IamClient::attach_role_policy(const std::string& role_name, const std::string& policy_arn) {
  // Attaching an attached policy is a no-op: safe to retry.
  (void)call(read_op("AttachRolePolicy"), {{"RoleName", role_name}, {"PolicyArn", policy_arn}});
}

void IamClient::put_role_policy(const std::string& role_name, const std::string& policy_name,
                                const std::string& policy_document_json) {
  // Putting the same document again leaves the same policy: safe to retry.
  (void)call(read_op("PutRolePolicy"),
             {{"RoleName", role_name}, {"PolicyName", policy_name}, {"PolicyDocument", policy_document_json}});
}

std::vector<std::string> IamClient::list_role_policies(const std::string& role_name) {
  const OperationInfo op = read_op("ListRolePolicies");
  std::vector<std::string> names;
  each_page(sender(op), op.name, {{"RoleName", role_name}}, [&](pugi::xml_node r) {
    for (pugi::xml_node m : r.child("PolicyNames").children("member")) names.emplace_back(m.child_value());
  });
  return names;
}

IamRolePolicy IamClient::get_role_policy(const std::string& role_name, const std::string& policy_name) {
  const OperationInfo op = read_op("GetRolePolicy");
  pugi::xml_document doc;
  const pugi::xml_node r = result_node(doc, call(op, {{"RoleName", role_name}, {"PolicyName", policy_name}}), op.name);
  return {r.child_value("RoleName"), r.child_value("PolicyName"), uri_decode(r.child_value("PolicyDocument"))};
}

std::vector<IamAttachedPolicy> IamClient::list_attached_role_policies(const std::string& role_name) {
  const OperationInfo op = read_op("ListAttachedRolePolicies");
  std::vector<IamAttachedPolicy> out;
  each_page(sender(op), op.name, {{"RoleName", role_name}}, [&](pugi::xml_node r) {
    for (pugi::xml_node m : r.child("AttachedPolicies").children("member")) {
      out.push_back({m.child_value("PolicyName"), m.child_value("PolicyArn")});
    }
  });
  return out;
}

IamManagedPolicy IamClient::get_policy(const std::string& policy_arn) {
  const OperationInfo op = read_op("GetPolicy");
  pugi::xml_document doc;
  return parse_policy(result_node(doc, call(op, {{"PolicyArn", policy_arn}}), op.name).child("Policy"));
}

IamPolicyVersion IamClient::get_policy_version(const std::string& policy_arn, const std::string& version_id) {
  const OperationInfo op = read_op("GetPolicyVersion");
  pugi::xml_document doc;
  const pugi::xml_node v =
      result_node(doc, call(op, {{"PolicyArn", policy_arn}, {"VersionId", version_id}}), op.name).child("PolicyVersion");
  return {v.child_value("VersionId"), std::string_view(v.child_value("IsDefaultVersion")) == "true",
          uri_decode(v.child_value("Document"))};
}

IamManagedPolicy IamClient::create_policy(const std::string& policy_name, const std::string& policy_document_json,
                                          const std::string& description) {
  const OperationInfo op = create_op("CreatePolicy");
  QueryParams params{{"PolicyName", policy_name}, {"PolicyDocument", policy_document_json}};
  if (!description.empty()) params.emplace_back("Description", description);
  pugi::xml_document doc;
  return parse_policy(result_node(doc, call(op, params), op.name).child("Policy"));
}

std::vector<IamEvaluationResult> IamClient::simulate_principal_policy(const std::string& policy_source_arn,
                                                                     const std::vector<std::string>& action_names,
                                                                     const std::vector<std::string>& resource_arns) {
  const OperationInfo op = read_op("SimulatePrincipalPolicy");
  QueryParams params{{"PolicySourceArn", policy_source_arn}};
  // ActionNames is required even when empty (a permission probe): the query protocol
  // writes an empty list as the bare member name.
  if (action_names.empty()) params.emplace_back("ActionNames", "");
  add_query_list(params, "ActionNames", action_names);
  add_query_list(params, "ResourceArns", resource_arns);
  std::vector<IamEvaluationResult> out;
  each_page(sender(op), op.name, params, [&](pugi::xml_node r) {
    for (pugi::xml_node m : r.child("EvaluationResults").children("member")) {
      out.push_back({m.child_value("EvalActionName"), m.child_value("EvalResourceName"), m.child_value("EvalDecision")});
    }
  });
  return out;
}

}  // namespace nova::aws
