#pragma once
// Service Quotas (json 1.1): the applied quotas of a service, read before a job is started
// so a quota of zero is found before any money is spent.

#include <optional>
#include <string>
#include <vector>

#include "aws/core/aws_client.hpp"

namespace nova::aws {

struct ServiceQuota {
  std::string quota_code;  // "L-..."
  std::string quota_name;  // "ml.p5.48xlarge for training job usage"
  std::string quota_arn;
  double value{0};
  bool adjustable{false};
};

struct ListServiceQuotasPage {
  std::vector<ServiceQuota> quotas;
  std::string next_token;  // empty on the last page
};

class ServiceQuotasClient {
 public:
  explicit ServiceQuotasClient(ClientConfig config);

  /// One page. @throws nova::ServiceError (AccessDeniedException, NoSuchResourceException, ...)
  ListServiceQuotasPage list_service_quotas(const std::string& service_code, const std::string& next_token = {},
                                            std::optional<int> max_results = std::nullopt);
  /// Every page, following NextToken until the service stops sending one.
  std::vector<ServiceQuota> list_all_service_quotas(const std::string& service_code);

  AwsClient& core() { return client_; }

 private:
  AwsClient client_;
};

}  // namespace nova::aws
