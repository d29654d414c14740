#include "aws/kms/kms_client.hpp"

#include <nlohmann/json.hpp>

#include "nova/error.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;

ServiceDescriptor kms_service() { return {"KMS", "kms", Protocol::kJson11, false}; }

std::string text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

KmsKeyMetadata metadata_of(const std::string& body, const std::string& operation) {
  const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  const auto meta = doc.is_object() ? doc.find("KeyMetadata") : doc.end();
  if (!doc.is_object() || meta == doc.end() || !meta->is_object()) {
    throw ServiceError("KMS " + operation + " returned no KeyMetadata", "KMS", operation, "InvalidResponse", 200, "", false);
  }
  KmsKeyMetadata out{text(*meta, "KeyId"), text(*meta, "Arn"), text(*meta, "AWSAccountId"), false,
                     text(*meta, "KeyState"), text(*meta, "KeyUsage")};
  if (const auto e = meta->find("Enabled"); e != meta->end() && e->is_boolean()) out.enabled = e->get<bool>();
  return out;
}

}  // namespace

KmsClient::KmsClient(ClientConfig config) : client_(kms_service(), std::move(config)) {}

std::string KmsClient::call(const char* operation, bool idempotent, const std::string& body) {
  const OperationInfo op{operation, idempotent, false, false};
  HttpRequest req = client_.new_request("POST", "/");
  frame_json11(req, "TrentService", op.name, body);
  return client_.invoke(op, req).body;
}

KmsKeyMetadata KmsClient::describe_key(const std::string& key) {
  return metadata_of(call("DescribeKey", true, json{{"KeyId", key}}.dump()), "DescribeKey");
}

KmsKeyMetadata KmsClient::create_key(const std::string& description) {
  return metadata_of(call("CreateKey", false, json{{"Description", description}}.dump()), "CreateKey");
}

void KmsClient::disable_key(const std::string& key) { (void)call("DisableKey", true, json{{"KeyId", key}}.dump()); }

}  // namespace nova::aws
