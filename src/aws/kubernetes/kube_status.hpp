#pragma once
// Turns a Kubernetes error answer (a `Status` object, or the plain "404 page not found" of
// an API group nobody serves) into a KubeError whose message says what to fix.

#include <string>

#include "aws/core/http/http_request.hpp"
#include "aws/kubernetes/kube_error.hpp"

namespace nova::aws::kubernetes {

// `verb` is the RBAC verb of the request (get, list, create, delete, watch); `cluster` names
// the EKS cluster for the message.
KubeError kube_error(const std::string& verb, const std::string& path, const HttpResponse& response,
                     const std::string& cluster);

// The RBAC verb of a request: GET of a collection is "list", of an object "get", POST
// "create", DELETE "delete", PUT "update", PATCH "patch".
std::string rbac_verb(const std::string& method, const std::string& path);

}  // namespace nova::aws::kubernetes
