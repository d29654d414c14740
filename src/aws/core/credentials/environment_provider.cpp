#include "aws/core/credentials/environment_provider.hpp"

#include "aws/core/config/env.hpp"
#include "aws/core/credentials/credentials_util.hpp"

namespace nova::aws {

Credentials EnvironmentCredentialsProvider::get() {
  auto key = env_value("AWS_ACCESS_KEY_ID");
  auto secret = env_value("AWS_SECRET_ACCESS_KEY");
  if (!key && !secret) throw CredentialsNotFound("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
  if (!key) throw ConfigError("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set both, or neither");
  if (!secret) throw ConfigError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither");
  Credentials out;
  out.access_key_id = std::move(*key);
  out.secret_access_key = std::move(*secret);
  out.session_token = env_value("AWS_SESSION_TOKEN").value_or(env_value("AWS_SECURITY_TOKEN").value_or(""));
  out.account_id = env_value("AWS_ACCOUNT_ID").value_or("");
  if (auto exp = env_value("AWS_CREDENTIAL_EXPIRATION")) {
    out.expiration = parse_iso8601(*exp);
    if (!out.expiration) throw ConfigError("AWS_CREDENTIAL_EXPIRATION is not an ISO-8601 time (e.g. 2030-01-01T00:00:00Z)");
  }
  out.source = "env";
  return out;
}

}  // namespace nova::aws
