#include "aws/session/session.hpp"
#include "nova/aws.hpp"

namespace nova {

CallerIdentity whoami(const AwsOptions& options) {
  aws::SessionOptions so;
  so.profile = options.profile;
  so.region = options.region;
  so.endpoint_url = options.endpoint_url;
  const aws::Session session(std::move(so));
  aws::StsClient sts = session.sts();
  const aws::GetCallerIdentityResult id = sts.get_caller_identity();
  CallerIdentity out;
  out.account = id.account;
  out.arn = id.arn;
  out.user_id = id.user_id;
  out.region = session.region().region;
  out.region_source = session.region().source;
  out.profile = session.profile().name;
  out.profile_source = session.profile().source;
  out.credential_source = session.credentials()->get().source;  // cached: no second fetch
  out.endpoint = sts.core().config().endpoint;
  out.s3_endpoint = session.endpoint("s3").url();
  return out;
}

}  // namespace nova
