#include "aws/bedrock/bedrock_client.hpp"

#include <nlohmann/json.hpp>

#include "aws/core/http/uri.hpp"
#include "aws/core/protocol/protocol.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;

ServiceDescriptor bedrock_service() { return {"Bedrock", "bedrock", Protocol::kRestJson, false}; }

OperationInfo read_op(const char* name) { return {name, true, false, false}; }
// A create with a clientRequestToken: AWS deduplicates a resend, so it may be retried.
OperationInfo create_op(const char* name, bool has_token) { return {name, false, has_token, false}; }
OperationInfo write_op(const char* name) { return {name, false, false, false}; }

json parse(const std::string& body, const char* operation) {
  if (body.empty()) return json::object();
  json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) {
    throw ServiceError(std::string("Bedrock ") + operation + " answered with a body that is not a JSON object", "Bedrock",
                       operation, "InvalidResponse", 200, "", false);
  }
  return doc;
}

std::string text(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Bedrock writes timestamps as ISO 8601 text; epoch seconds are accepted too (same instant,
// kept as the number's text) so a proxy that re-encodes them does not lose the field.
std::string time_text(const json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

int integer(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string required(const json& o, const char* key, const char* operation) {
  std::string value = text(o, key);
  if (value.empty()) {
    throw ServiceError(std::string("Bedrock ") + operation + " returned no " + key, "Bedrock", operation,
                       "InvalidResponse", 200, "", false);
  }
  return value;
}

json tags_json(const std::vector<BedrockTag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"key", t.key}, {"value", t.value}});
  return out;
}

std::string segment(const std::string& identifier) { return uri_encode(identifier); }

std::string list_query(const BedrockListRequest& r) {
  std::vector<std::pair<std::string, std::string>> q;
  if (r.max_results > 0) q.emplace_back("maxResults", std::to_string(r.max_results));
  if (!r.name_contains.empty()) q.emplace_back("nameContains", r.name_contains);
  if (!r.next_token.empty()) q.emplace_back("nextToken", r.next_token);
  return build_query(q);
}

const json& array_member(const json& doc, const char* key) {
  static const json kEmpty = json::array();
  const auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? *it : kEmpty;
}

CustomModel custom_model(const json& o) {
  return {text(o, "modelArn"), text(o, "modelName"), text(o, "modelStatus"), text(o, "failureMessage"),
          time_text(o, "creationTime")};
}

CustomModelDeployment deployment(const json& o, const char* name_key) {
  CustomModelDeployment d{text(o, "customModelDeploymentArn"), text(o, name_key), text(o, "modelArn"), text(o, "status"),
                          text(o, "failureMessage"), time_text(o, "createdAt"), {}};
  if (const auto u = o.find("updateDetails"); u != o.end() && u->is_object()) d.update_status = text(*u, "updateStatus");
  return d;
}

ProvisionedThroughput throughput(const json& o) {
  return {text(o, "provisionedModelArn"), text(o, "provisionedModelName"), text(o, "modelArn"),
          text(o, "desiredModelArn"), text(o, "status"), text(o, "failureMessage"), time_text(o, "creationTime"),
          integer(o, "modelUnits"), text(o, "commitmentDuration"), time_text(o, "commitmentExpirationTime")};
}

}  // namespace

BedrockClient::BedrockClient(ClientConfig config) : client_(bedrock_service(), std::move(config)) {}

std::string BedrockClient::call(const OperationInfo& op, const std::string& method, const std::string& path,
                                std::string query, std::string body) {
  HttpRequest req = client_.new_request(method, path, std::move(query));
  frame_rest_json(req, std::move(body));
  return client_.invoke(op, req).body;
}

std::string BedrockClient::create_custom_model(const CreateCustomModelRequest& r) {
  json body = {{"modelName", r.model_name}, {"modelSourceConfig", {{"s3DataSource", {{"s3Uri", r.s3_uri}}}}}};
  if (!r.role_arn.empty()) body["roleArn"] = r.role_arn;
  if (r.kms_key_arn) body["modelKmsKeyArn"] = *r.kms_key_arn;
  if (!r.tags.empty()) body["modelTags"] = tags_json(r.tags);
  if (!r.client_request_token.empty()) body["clientRequestToken"] = r.client_request_token;
  const auto op = create_op("CreateCustomModel", !r.client_request_token.empty());
  return required(parse(call(op, "POST", "/custom-models/create-custom-model", {}, body.dump()), op.name.c_str()),
                  "modelArn", "CreateCustomModel");
}

CustomModel BedrockClient::get_custom_model(const std::string& identifier) {
  return custom_model(parse(call(read_op("GetCustomModel"), "GET", "/custom-models/" + segment(identifier)), "GetCustomModel"));
}

BedrockPage<CustomModel> BedrockClient::list_custom_models(const BedrockListRequest& r) {
  const json doc = parse(call(read_op("ListCustomModels"), "GET", "/custom-models", list_query(r)), "ListCustomModels");
  BedrockPage<CustomModel> page{{}, text(doc, "nextToken")};
  for (const auto& m : array_member(doc, "modelSummaries")) page.items.push_back(custom_model(m));
  return page;
}

void BedrockClient::delete_custom_model(const std::string& identifier) {
  call(write_op("DeleteCustomModel"), "DELETE", "/custom-models/" + segment(identifier));
}

std::string BedrockClient::create_custom_model_deployment(const CreateCustomModelDeploymentRequest& r) {
  json body = {{"modelDeploymentName", r.deployment_name}, {"modelArn", r.model_arn}};
  if (!r.description.empty()) body["description"] = r.description;
  if (!r.tags.empty()) body["tags"] = tags_json(r.tags);
  if (!r.client_request_token.empty()) body["clientRequestToken"] = r.client_request_token;
  const auto op = create_op("CreateCustomModelDeployment", !r.client_request_token.empty());
  return required(parse(call(op, "POST", "/model-customization/custom-model-deployments", {}, body.dump()), op.name.c_str()),
                  "customModelDeploymentArn", "CreateCustomModelDeployment");
}

CustomModelDeployment BedrockClient::get_custom_model_deployment(const std::string& identifier) {
  return deployment(parse(call(read_op("GetCustomModelDeployment"), "GET",
                               "/model-customization/custom-model-deployments/" + segment(identifier)),
                          "GetCustomModelDeployment"),
                    "modelDeploymentName");
}

BedrockPage<CustomModelDeployment> BedrockClient::list_custom_model_deployments(const BedrockListRequest& r) {
  const json doc = parse(call(read_op("ListCustomModelDeployments"), "GET", "/model-customization/custom-model-deployments",
                              list_query(r)),
                         "ListCustomModelDeployments");
  BedrockPage<CustomModelDeployment> page{{}, text(doc, "nextToken")};
  for (const auto& d : array_member(doc, "modelDeploymentSummaries")) {
    page.items.push_back(deployment(d, "customModelDeploymentName"));
  }
  return page;
}

void BedrockClient::delete_custom_model_deployment(const std::string& identifier) {
  call(write_op("DeleteCustomModelDeployment"), "DELETE", "/model-customization/custom-model-deployments/" + segment(identifier));
}

std::string BedrockClient::create_provisioned_model_throughput(const CreateProvisionedThroughputRequest& r) {
  json body = {{"modelUnits", r.model_units}, {"provisionedModelName", r.name}, {"modelId", r.model_id}};
  if (!r.tags.empty()) body["tags"] = tags_json(r.tags);
  if (!r.client_request_token.empty()) body["clientRequestToken"] = r.client_request_token;
  const auto op = create_op("CreateProvisionedModelThroughput", !r.client_request_token.empty());
  return required(parse(call(op, "POST", "/provisioned-model-throughput", {}, body.dump()), op.name.c_str()),
                  "provisionedModelArn", "CreateProvisionedModelThroughput");
}

ProvisionedThroughput BedrockClient::get_provisioned_model_throughput(const std::string& identifier) {
  return throughput(parse(call(read_op("GetProvisionedModelThroughput"), "GET",
                               "/provisioned-model-throughput/" + segment(identifier)),
                          "GetProvisionedModelThroughput"));
}

BedrockPage<ProvisionedThroughput> BedrockClient::list_provisioned_model_throughputs(const BedrockListRequest& r) {
  const json doc = parse(call(read_op("ListProvisionedModelThroughputs"), "GET", "/provisioned-model-throughputs", list_query(r)),
                         "ListProvisionedModelThroughputs");
  BedrockPage<ProvisionedThroughput> page{{}, text(doc, "nextToken")};
  for (const auto& p : array_member(doc, "provisionedModelSummaries")) page.items.push_back(throughput(p));
  return page;
}

// Setting the same desired model twice leaves the same state, so a resend is harmless.
void BedrockClient::update_provisioned_model_throughput(const std::string& identifier, const std::string& desired_model_id) {
  const json body = {{"desiredModelId", desired_model_id}};
  call(read_op("UpdateProvisionedModelThroughput"), "PATCH", "/provisioned-model-throughput/" + segment(identifier), {},
       body.dump());
}

void BedrockClient::delete_provisioned_model_throughput(const std::string& identifier) {
  call(write_op("DeleteProvisionedModelThroughput"), "DELETE", "/provisioned-model-throughput/" + segment(identifier));
}

// Tagging with the same values again changes nothing: idempotent.
void BedrockClient::tag_resource(const std::string& arn, const std::vector<BedrockTag>& tags) {
  const json body = {{"resourceARN", arn}, {"tags", tags_json(tags)}};
  call(read_op("TagResource"), "POST", "/tagResource", {}, body.dump());
}

std::vector<BedrockTag> BedrockClient::list_tags_for_resource(const std::string& arn) {
  const json body = {{"resourceARN", arn}};
  const json doc = parse(call(read_op("ListTagsForResource"), "POST", "/listTagsForResource", {}, body.dump()),
                         "ListTagsForResource");
  std::vector<BedrockTag> out;
  for (const auto& t : array_member(doc, "tags")) out.push_back({text(t, "key"), text(t, "value")});
  return out;
}

}  // namespace nova::aws
