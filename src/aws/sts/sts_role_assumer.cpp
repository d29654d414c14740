#include "aws/sts/sts_role_assumer.hpp"

#include "aws/core/credentials/credentials_util.hpp"
#include "aws/sts/sts_client.hpp"

namespace nova::aws {
namespace {

Credentials convert(const TemporaryCredentials& t, std::string source) {
  Credentials c;
  c.access_key_id = t.access_key_id;
  c.secret_access_key = t.secret_access_key;
  c.session_token = t.session_token;
  c.expiration = t.expiration;
  c.source = std::move(source);
  return c;
}

std::optional<int> duration_of(const std::optional<std::chrono::seconds>& d) {
  if (!d) return std::nullopt;
  return static_cast<int>(d->count());
}

}  // namespace

StsClientAssumer::StsClientAssumer(ClientConfig base) : base_(std::move(base)) {}

ClientConfig StsClientAssumer::config_for(const Credentials& source) const {
  ClientConfig c = base_;
  c.credentials = std::make_shared<StaticCredentialsProvider>(source);
  return c;
}

Credentials StsClientAssumer::assume_role(const Credentials& source, const AssumeRoleParams& p) {
  AssumeRoleRequest req;
  req.role_arn = p.role_arn;
  req.role_session_name = p.role_session_name;
  req.external_id = p.external_id;
  req.duration_seconds = duration_of(p.duration);
  return convert(StsClient(config_for(source)).assume_role(req).credentials, "assume-role");
}

Credentials StsClientAssumer::assume_role_with_web_identity(const WebIdentityParams& p) {
  AssumeRoleWithWebIdentityRequest req;
  req.role_arn = p.role_arn;
  req.role_session_name = p.role_session_name;
  req.web_identity_token = p.web_identity_token;
  req.duration_seconds = duration_of(p.duration);
  // Unsigned: the empty source credentials are never used.
  return convert(StsClient(config_for({})).assume_role_with_web_identity(req).credentials, "web-identity");
}

}  // namespace nova::aws
