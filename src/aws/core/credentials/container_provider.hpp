#pragma once
// ECS / EKS Pod Identity container credentials (source "container").
//   AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: appended to http://169.254.170.2;
//   AWS_CONTAINER_CREDENTIALS_FULL_URI: https anywhere, plain http only to a loopback address,
//     localhost, 169.254.170.2, 169.254.170.23 or [fd00:ec2::23];
//   Authorization header from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on every call) or
//     AWS_CONTAINER_AUTHORIZATION_TOKEN; a token with CR or LF is refused.
// Up to 3 attempts, 1 s apart (on the injected clock), for transport errors, 429 and 5xx.

#include <memory>

#include "aws/core/clock.hpp"
#include "aws/core/credentials/credentials.hpp"
#include "aws/core/http/http_transport.hpp"

namespace nova::aws {

class ContainerCredentialsProvider final : public CredentialsProvider {
 public:
  ContainerCredentialsProvider(std::shared_ptr<HttpTransport> transport,
                               std::shared_ptr<const Clock> clock = system_clock());
  // Throws CredentialsNotFound when neither URI variable is set, nova::ConfigError otherwise.
  Credentials get() override;

 private:
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<const Clock> clock_;
};

// Short timeouts for the link-local metadata endpoints (container and IMDS): connect within
// AWS_METADATA_SERVICE_TIMEOUT seconds (default 1), read within 2 s. Use them to build the
// transport given to the container and IMDS providers.
TransportOptions metadata_transport_options();

}  // namespace nova::aws
