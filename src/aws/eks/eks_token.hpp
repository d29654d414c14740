#pragma once
// The EKS bearer token, as `aws eks get-token` makes it: "k8s-aws-v1." + base64url (no
// padding) of a presigned STS GetCallerIdentity URL whose signed headers include
// `x-k8s-aws-id: <EKS cluster name>`. EKS accepts it for 15 minutes after its X-Amz-Date
// (the URL's own X-Amz-Expires=60 is not what bounds it), so a token is reused until one
// minute before the 14-minute expiry `aws eks get-token` announces, or before the
// credentials that signed it expire.

#include <chrono>
#include <memory>
#include <string>

#include "aws/core/clock.hpp"
#include "aws/core/credentials/credentials.hpp"

namespace nova::aws {
class Session;
}

namespace nova::aws::eks {

struct EksToken {
  std::string value;  // "k8s-aws-v1...." (a secret: never logged)
  std::chrono::system_clock::time_point expires_at;  // what ExecCredential announces
};

// The token for `eks_cluster_name` signed at `now` (pure; the test vectors of the fact sheet).
// `sts_host` is STS's regional host, e.g. "sts.us-east-1.amazonaws.com".
EksToken make_eks_token(const Credentials& credentials, const std::string& region, const std::string& sts_host,
                        const std::string& eks_cluster_name, std::chrono::system_clock::time_point now);

// Caches one token per (access key, region, cluster) and makes a new one when it is about to
// expire. Tokens are signed at the local time plus `clock_offset` (the session's correction
// learnt from clock-skew errors: STS checks X-Amz-Date against its own clock); their expiry
// stays in local time. A token signed before the offset changed is not reused. Thread-safe.
class EksTokenSource {
 public:
  EksTokenSource(std::shared_ptr<CredentialsProvider> credentials, std::string region,
                 std::shared_ptr<const Clock> clock = system_clock(),
                 std::shared_ptr<const ClockOffset> clock_offset = nullptr);
  // `force_refresh` after the API server answered 401 to the cached one.
  EksToken token(const std::string& eks_cluster_name, bool force_refresh = false);

 private:
  struct Cache;
  struct State;
  friend EksTokenSource token_source(const Session& session, const std::string& region);
  std::shared_ptr<State> state_;
};

// The session's token source for `region` (default: the session's). Its tokens are kept in a
// process-wide cache, so they outlive the source and the session.
EksTokenSource token_source(const Session& session, const std::string& region = {});
// Shorthand: the cached token of the session for `eks_cluster_name`.
std::string eks_bearer_token(const Session& session, const std::string& eks_cluster_name);

}  // namespace nova::aws::eks
