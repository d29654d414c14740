#pragma once
// Amazon SageMaker Runtime (rest-json, signing name "sagemaker", host runtime.sagemaker.<region>):
// InvokeEndpoint and InvokeEndpointWithResponseStream. Bodies are passed through as bytes;
// the caller knows the model's format.

#include <functional>
#include <string>
#include <string_view>

#include "aws/core/aws_client.hpp"

namespace nova::aws {

struct InvokeEndpointResult {
  std::string body;
  std::string content_type;
  std::string invoked_variant;
  std::string request_id;
};

class SageMakerRuntimeClient {
 public:
  explicit SageMakerRuntimeClient(ClientConfig config);

  InvokeEndpointResult invoke_endpoint(const std::string& endpoint_name, std::string body,
                                       const std::string& content_type = "application/json",
                                       const std::string& accept = "application/json");
  // `on_bytes` gets each PayloadPart's bytes in order (their boundaries are arbitrary). A
  // ModelStreamError / InternalStreamFailure event throws ServiceError with its code and
  // message; a corrupt frame throws ServiceError "InvalidEventStream".
  void invoke_endpoint_with_response_stream(const std::string& endpoint_name, std::string body,
                                            const std::function<void(std::string_view)>& on_bytes,
                                            const std::string& content_type = "application/json");

 private:
  AwsClient client_;
};

}  // namespace nova::aws
