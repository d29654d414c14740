#include "aws/session/session_for.hpp"

namespace nova::aws {

std::shared_ptr<const Session> session_for(const AwsOptions& options) {
  if (!options.profile && !options.region && !options.endpoint_url) return Session::shared();
  SessionOptions so;
  so.profile = options.profile;
  so.region = options.region;
  so.endpoint_url = options.endpoint_url;
  return std::make_shared<const Session>(std::move(so));
}

}  // namespace nova::aws
