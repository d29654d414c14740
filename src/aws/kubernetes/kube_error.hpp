#pragma once
// A Kubernetes API error (its `Status` body) as the SDK's ServiceError, with a message that
// says what to fix: 403 -> the RBAC verb/resource missing in which namespace, 404 -> the
// object, namespace or CRD that does not exist, 409 -> an object of that name exists,
// 401 -> the EKS access entry / token problem, 422 -> the fields the server refused.

#include <string>

#include "nova/error.hpp"

namespace nova::aws::kubernetes {

class KubeError : public ServiceError {
 public:
  // `code()` is the Status reason ("NotFound", "Forbidden", "AlreadyExists", ...);
  // `operation()` is "<verb> <resource>" ("create pytorchjobs").
  KubeError(std::string message, std::string operation, std::string reason, int http_status,
            std::string server_message, bool retryable);
  const std::string& reason() const noexcept { return code(); }
  // The API server's own message ("pytorchjobs.kubeflow.org \"x\" not found").
  const std::string& server_message() const noexcept { return server_message_; }

 private:
  std::string server_message_;
};

}  // namespace nova::aws::kubernetes
