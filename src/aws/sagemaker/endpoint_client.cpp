#include "aws/sagemaker/endpoint_client.hpp"

#include <nlohmann/json.hpp>

#include "aws/sagemaker/sagemaker_json.hpp"
#include "nova/error.hpp"
#include "aws/core/protocol/page_tokens.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;
using sagemaker_json::integer;
using sagemaker_json::parse_body;
using sagemaker_json::text;
using sagemaker_json::timestamp;

OperationInfo create_op(const char* name) { return {name, /*idempotent=*/false, false, false}; }
OperationInfo read_op(const char* name) { return {name, true, false, false}; }

json call(SageMakerClient& sm, const OperationInfo& op, const json& body) {
  HttpRequest req = sm.core().new_request("POST", "/");
  frame_json11(req, "SageMaker", op.name, body.dump());
  const std::string raw = sm.core().invoke(op, req).body;
  return raw.empty() ? json::object() : parse_body(raw, op.name);
}

std::string required_text(const json& doc, const char* key, const std::string& op) {
  std::string value = text(doc, key);
  if (value.empty()) {
    throw ServiceError("SageMaker " + op + " returned no " + key, "SageMaker", op, "InvalidResponse", 200, "", false);
  }
  return value;
}

json tag_list(const std::map<std::string, std::string>& tags) {
  json out = json::array();
  for (const auto& [k, v] : tags) out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

template <typename Fn>
auto unless_missing(Fn fn) -> std::optional<decltype(fn())> {
  try {
    return fn();
  } catch (const ServiceError& e) {
    if (is_sagemaker_not_found(e)) return std::nullopt;
    throw;
  }
}

void delete_quietly_if_missing(SageMakerClient& sm, const char* op, const char* key, const std::string& name) {
  try {
    (void)call(sm, read_op(op), json{{key, name}});
  } catch (const ServiceError& e) {
    if (!is_sagemaker_not_found(e)) throw;
  }
}

// Every page of a List operation (NameContains when given), each item of `member` visited.
template <typename Visit>
void each_page(SageMakerClient& sm, const char* operation, const std::string& name_contains, const char* member,
               Visit visit) {
  std::string token;
  do {
    json body = json::object();
    if (!name_contains.empty()) body["NameContains"] = name_contains;
    if (!token.empty()) body["NextToken"] = token;
    const json doc = call(sm, read_op(operation), body);
    if (const auto it = doc.find(member); it != doc.end() && it->is_array()) {
      for (const json& item : *it) visit(item);
    }
    token = text(doc, "NextToken");
  } while (!token.empty());
}

std::vector<ProductionVariantSpec> variants_of(const json& doc) {
  std::vector<ProductionVariantSpec> out;
  if (const auto it = doc.find("ProductionVariants"); it != doc.end() && it->is_array()) {
    for (const json& v : *it) {
      out.push_back({text(v, "VariantName"), text(v, "ModelName"), text(v, "InstanceType"),
                     integer(v, "InitialInstanceCount")});
    }
  }
  return out;
}

}  // namespace

bool is_sagemaker_not_found(const ServiceError& error) {
  return error.code() == "ResourceNotFound" ||
         (error.code() == "ValidationException" && std::string(error.what()).find("ould not find") != std::string::npos);
}

std::string create_model(SageMakerClient& sm, const CreateModelRequest& r) {
  json container = {{"Image", r.image},
                    {"ModelDataSource",
                     {{"S3DataSource",
                       {{"S3Uri", r.model_data_s3_prefix}, {"S3DataType", "S3Prefix"}, {"CompressionType", "None"}}}}}};
  if (!r.environment.empty()) container["Environment"] = r.environment;
  json body = {{"ModelName", r.model_name},
               {"PrimaryContainer", container},
               {"ExecutionRoleArn", r.execution_role_arn},
               {"EnableNetworkIsolation", r.enable_network_isolation}};
  if (!r.tags.empty()) body["Tags"] = tag_list(r.tags);
  return required_text(call(sm, create_op("CreateModel"), body), "ModelArn", "CreateModel");
}

std::optional<DescribeModelResult> describe_model(SageMakerClient& sm, const std::string& name) {
  return unless_missing([&] {
    const json doc = call(sm, read_op("DescribeModel"), json{{"ModelName", name}});
    DescribeModelResult out;
    out.model_name = text(doc, "ModelName");
    out.model_arn = text(doc, "ModelArn");
    out.execution_role_arn = text(doc, "ExecutionRoleArn");
    out.enable_network_isolation = doc.value("EnableNetworkIsolation", false);
    out.creation_time = timestamp(doc, "CreationTime");
    if (const auto c = doc.find("PrimaryContainer"); c != doc.end() && c->is_object()) {
      out.image = text(*c, "Image");
      if (c->contains("ModelDataSource")) out.model_data_s3_uri = c->value("/ModelDataSource/S3DataSource/S3Uri"_json_pointer, "");
      if (out.model_data_s3_uri.empty()) out.model_data_s3_uri = text(*c, "ModelDataUrl");
      if (const auto env = c->find("Environment"); env != c->end() && env->is_object()) {
        for (const auto& [k, v] : env->items()) {
          if (v.is_string()) out.environment[k] = v.get<std::string>();
        }
      }
    }
    return out;
  });
}

void delete_model(SageMakerClient& sm, const std::string& name) {
  delete_quietly_if_missing(sm, "DeleteModel", "ModelName", name);
}

std::string create_endpoint_config(SageMakerClient& sm, const CreateEndpointConfigRequest& r) {
  json variants = json::array();
  for (const ProductionVariantSpec& v : r.variants) {
    variants.push_back({{"VariantName", v.variant_name},
                        {"ModelName", v.model_name},
                        {"InstanceType", v.instance_type},
                        {"InitialInstanceCount", v.initial_instance_count}});
  }
  json body = {{"EndpointConfigName", r.endpoint_config_name}, {"ProductionVariants", variants}};
  if (r.kms_key_id) body["KmsKeyId"] = *r.kms_key_id;
  if (!r.tags.empty()) body["Tags"] = tag_list(r.tags);
  return required_text(call(sm, create_op("CreateEndpointConfig"), body), "EndpointConfigArn", "CreateEndpointConfig");
}

std::optional<DescribeEndpointConfigResult> describe_endpoint_config(SageMakerClient& sm, const std::string& name) {
  return unless_missing([&] {
    const json doc = call(sm, read_op("DescribeEndpointConfig"), json{{"EndpointConfigName", name}});
    return DescribeEndpointConfigResult{text(doc, "EndpointConfigName"), text(doc, "EndpointConfigArn"),
                                        text(doc, "KmsKeyId"), variants_of(doc)};
  });
}

void delete_endpoint_config(SageMakerClient& sm, const std::string& name) {
  delete_quietly_if_missing(sm, "DeleteEndpointConfig", "EndpointConfigName", name);
}

std::string create_endpoint(SageMakerClient& sm, const std::string& endpoint_name, const std::string& config_name,
                            const std::map<std::string, std::string>& tags) {
  json body = {{"EndpointName", endpoint_name}, {"EndpointConfigName", config_name}};
  if (!tags.empty()) body["Tags"] = tag_list(tags);
  return required_text(call(sm, create_op("CreateEndpoint"), body), "EndpointArn", "CreateEndpoint");
}

std::string update_endpoint(SageMakerClient& sm, const std::string& endpoint_name, const std::string& config_name) {
  const json body = {{"EndpointName", endpoint_name}, {"EndpointConfigName", config_name}};
  return required_text(call(sm, create_op("UpdateEndpoint"), body), "EndpointArn", "UpdateEndpoint");
}

std::optional<DescribeEndpointResult> describe_endpoint(SageMakerClient& sm, const std::string& name) {
  return unless_missing([&] {
    const json doc = call(sm, read_op("DescribeEndpoint"), json{{"EndpointName", name}});
    DescribeEndpointResult out;
    out.endpoint_name = text(doc, "EndpointName");
    out.endpoint_arn = text(doc, "EndpointArn");
    out.endpoint_config_name = text(doc, "EndpointConfigName");
    out.status = text(doc, "EndpointStatus");
    out.failure_reason = text(doc, "FailureReason");
    out.creation_time = timestamp(doc, "CreationTime");
    out.last_modified_time = timestamp(doc, "LastModifiedTime");
    return out;
  });
}

void delete_endpoint(SageMakerClient& sm, const std::string& name) {
  delete_quietly_if_missing(sm, "DeleteEndpoint", "EndpointName", name);
}

std::vector<EndpointSummary> list_endpoints(SageMakerClient& sm, const std::string& name_contains) {
  std::vector<EndpointSummary> out;
  each_page(sm, "ListEndpoints", name_contains, "Endpoints", [&](const json& e) {
    out.push_back({text(e, "EndpointName"), text(e, "EndpointArn"), text(e, "EndpointStatus"), timestamp(e, "CreationTime")});
  });
  return out;
}

std::vector<std::string> list_model_names(SageMakerClient& sm, const std::string& name_contains) {
  std::vector<std::string> out;
  each_page(sm, "ListModels", name_contains, "Models", [&](const json& m) { out.push_back(text(m, "ModelName")); });
  return out;
}

std::vector<std::string> list_endpoint_config_names(SageMakerClient& sm, const std::string& name_contains) {
  std::vector<std::string> out;
  each_page(sm, "ListEndpointConfigs", name_contains, "EndpointConfigs",
            [&](const json& c) { out.push_back(text(c, "EndpointConfigName")); });
  return out;
}

std::map<std::string, std::string> list_tags(SageMakerClient& sm, const std::string& arn) {
  std::map<std::string, std::string> out;
  std::string token;
  PageTokens tokens("SageMaker", "ListEndpoints");
  do {
    json body = {{"ResourceArn", arn}};
    if (!token.empty()) body["NextToken"] = token;
    const json doc = call(sm, read_op("ListTags"), body);
    if (const auto it = doc.find("Tags"); it != doc.end() && it->is_array()) {
      for (const json& t : *it) out[text(t, "Key")] = text(t, "Value");
    }
    token = text(doc, "NextToken");
    if (!token.empty()) tokens.advance(token);
  } while (!token.empty());
  return out;
}

}  // namespace nova::aws
