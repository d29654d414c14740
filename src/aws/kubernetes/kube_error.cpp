#include "aws/kubernetes/kube_error.hpp"

#include <utility>

namespace nova::aws::kubernetes {

KubeError::KubeError(std::string message, std::string operation, std::string reason, int http_status,
                     std::string server_message, bool retryable)
    : ServiceError(std::move(message), "Kubernetes", std::move(operation), std::move(reason), http_status, "",
                   retryable),
      server_message_(std::move(server_message)) {}

}  // namespace nova::aws::kubernetes
