#include "aws/kubernetes/kube_status.hpp"

#include <nlohmann/json.hpp>

#include "aws/kubernetes/kube_paths.hpp"

namespace nova::aws::kubernetes {
namespace {

using nlohmann::json;

std::string text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string where(const ResourceRef& ref) { return ref.ns.empty() ? std::string() : " in namespace '" + ref.ns + "'"; }

// "pods/log" for RBAC rules on a subresource.
std::string rbac_resource(const ResourceRef& ref) {
  return ref.subresource.empty() ? ref.resource : ref.resource + "/" + ref.subresource;
}

std::string default_reason(int status) {
  switch (status) {
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 409: return "Conflict";
    case 422: return "Invalid";
    case 429: return "TooManyRequests";
    default: return status >= 500 ? "InternalError" : "Unknown";
  }
}

std::string invalid_causes(const json& status) {
  std::string out;
  const auto details = status.find("details");
  if (details == status.end() || !details->is_object()) return out;
  const auto causes = details->find("causes");
  if (causes == details->end() || !causes->is_array()) return out;
  for (const auto& cause : *causes) {
    if (!cause.is_object()) continue;
    out += "\n  - " + text(cause, "field") + ": " + text(cause, "message");
  }
  return out;
}

}  // namespace

std::string rbac_verb(const std::string& method, const std::string& path) {
  if (method == "POST") return "create";
  if (method == "DELETE") return "delete";
  if (method == "PUT") return "update";
  if (method == "PATCH") return "patch";
  return parse_path(path).name.empty() ? "list" : "get";
}

KubeError kube_error(const std::string& verb, const std::string& path, const HttpResponse& response,
                     const std::string& cluster) {
  const ResourceRef ref = parse_path(path);
  const json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  const bool is_status = body.is_object() && text(body, "kind") == "Status";
  const std::string server_message = is_status ? text(body, "message") : response.body.substr(0, 200);
  std::string reason = is_status ? text(body, "reason") : std::string();
  if (reason.empty()) reason = default_reason(response.status);
  const std::string operation = verb + " " + rbac_resource(ref);
  const std::string on_cluster = cluster.empty() ? std::string() : " on EKS cluster '" + cluster + "'";
  // A create names its object in the body, not the path; the Status details name it back.
  std::string name = ref.name;
  if (const auto details = is_status ? body.find("details") : body.end();
      name.empty() && is_status && details != body.end() && details->is_object()) {
    name = text(*details, "name");
  }
  const std::string object = name.empty() ? ref.qualified_resource() : ref.qualified_resource() + " '" + name + "'";
  std::string message;
  switch (response.status) {
    case 401:
      message = "the Kubernetes API server" + on_cluster +
                " did not accept the bearer token (Unauthorized): the caller's IAM principal needs an EKS access "
                "entry (or an aws-auth mapping) on the cluster, and this machine's clock must be correct";
      break;
    case 403:
      message = "Forbidden: Kubernetes RBAC does not allow '" + verb + "' on " + rbac_resource(ref) +
                (ref.group.empty() ? std::string() : " (API group " + ref.group + ")") + where(ref) + on_cluster +
                "; ask the cluster administrator for a Role" + (ref.ns.empty() ? std::string() : " in that namespace") +
                " granting verb '" + verb + "' on '" + rbac_resource(ref) + "' to your IAM principal's Kubernetes group";
      break;
    case 404:
      if (!is_status) {
        message = "the Kubernetes API" + on_cluster + " does not serve " + ref.group + "/" + ref.version + " " +
                  ref.resource + ": the CustomResourceDefinition " + ref.qualified_resource() +
                  " is not installed (for pytorchjobs, install the Kubeflow training operator / HyperPod helm chart)";
      } else if (const auto details = body.find("details");
                 (ref.resource != "namespaces" && details != body.end() && details->is_object() &&
                  text(*details, "kind") == "namespaces") ||
                 server_message.rfind("namespaces \"", 0) == 0) {
        message = "namespace '" + ref.ns + "' does not exist" + on_cluster +
                  " (create it, or pass an existing namespace)";
      } else if (ref.resource == "namespaces") {
        message = "namespace '" + ref.name + "' does not exist" + on_cluster + " (create it, or pass an existing namespace)";
      } else {
        message = object + " does not exist" + where(ref) + on_cluster;
      }
      break;
    case 409:
      message = reason == "AlreadyExists" ? object + " already exists" + where(ref) + on_cluster +
                                                ": choose another job name or delete the existing one first"
                                          : "conflict on " + object + where(ref) + ": " + server_message;
      break;
    case 422:
      message = "the Kubernetes API server refused " + object + where(ref) + " as invalid: " + server_message +
                invalid_causes(body);
      break;
    default:
      message = "Kubernetes API " + operation + where(ref) + " failed with HTTP " + std::to_string(response.status) +
                " " + reason + (server_message.empty() ? std::string() : ": " + server_message);
  }
  const bool retryable = response.status == 429 || response.status >= 500;
  return KubeError(message, operation, reason, response.status, server_message, retryable);
}

}  // namespace nova::aws::kubernetes
