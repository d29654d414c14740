#pragma once
/// @file
/// EKS bearer tokens: what `aws eks get-token` prints, for kubectl and for anyone who wants
/// to reach a HyperPod cluster's Kubernetes API with the SDK's credentials.

#include <string>

#include "nova/aws.hpp"

namespace nova {

/// A token for the Kubernetes API server of an EKS cluster. `token` is a secret.
struct EksBearerToken {
  std::string token;                 ///< "k8s-aws-v1...."
  std::string expiration_timestamp;  ///< UTC, "%Y-%m-%dT%H:%M:%SZ" (14 minutes after signing)
};

/// Signs the token for `eks_cluster_name` (the EKS cluster's name, not its ARN) offline with
/// the configured credentials and region: no AWS call is made.
/// @throws ValueError an empty cluster name
/// @throws ConfigError no region, no credentials or malformed configuration
EksBearerToken eks_get_token(const std::string& eks_cluster_name, const AwsOptions& options = {});

/// The ExecCredential JSON kubectl's exec credential plugins print, for `api_version`
/// ("client.authentication.k8s.io/v1beta1", "v1" or "v1alpha1").
std::string exec_credential_json(const EksBearerToken& token, const std::string& api_version);

}  // namespace nova
