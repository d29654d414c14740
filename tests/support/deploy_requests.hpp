#pragma once
// Requests the deploy tests share.

#include <string>

#include "deploy/sagemaker_endpoint.hpp"

namespace nova::testing {

// A NOVA_MICRO endpoint on ml.g6.12xlarge serving s3://escrow-bucket/<folder>/<name>/checkpoint/.
inline deploy::SageMakerEndpointRequest sagemaker_endpoint_request(const std::string& name, const std::string& folder,
                                                                   const std::string& role_arn) {
  deploy::SageMakerEndpointRequest r;
  r.endpoint_name = name;
  r.model_artifact_s3_uri = "s3://escrow-bucket/" + folder + "/" + name + "/checkpoint/";
  r.model = Model::NOVA_MICRO;
  r.instance_type = "ml.g6.12xlarge";
  r.execution_role_arn = role_arn;
  return r;
}

}  // namespace nova::testing
