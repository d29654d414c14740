#include "aws/core/credentials/assume_role_provider.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include "nova/error.hpp"

namespace nova::aws {

std::string default_role_session_name() {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return "nova-sdk-" + std::to_string(ms.count());
}

AssumeRoleProvider::AssumeRoleProvider(std::shared_ptr<CredentialsProvider> source, std::shared_ptr<StsRoleAssumer> sts,
                                       AssumeRoleParams params)
    : source_(std::move(source)), sts_(std::move(sts)), params_(std::move(params)) {}

Credentials AssumeRoleProvider::get() {
  auto creds = sts_->assume_role(source_->get(), params_);
  creds.source = "assume-role:" + params_.role_arn;
  return creds;
}

WebIdentityProvider::WebIdentityProvider(std::string token_file, std::shared_ptr<StsRoleAssumer> sts,
                                         WebIdentityParams params)
    : token_file_(std::move(token_file)), sts_(std::move(sts)), params_(std::move(params)) {}

Credentials WebIdentityProvider::get() {
  std::ifstream in(token_file_, std::ios::binary);
  if (!in) throw ConfigError("cannot read the web identity token file " + token_file_);
  std::ostringstream ss;
  ss << in.rdbuf();
  auto params = params_;
  params.web_identity_token = ss.str();
  while (!params.web_identity_token.empty() &&
         (params.web_identity_token.back() == '\n' || params.web_identity_token.back() == '\r')) {
    params.web_identity_token.pop_back();
  }
  if (params.web_identity_token.empty()) throw ConfigError("the web identity token file " + token_file_ + " is empty");
  auto creds = sts_->assume_role_with_web_identity(params);
  creds.source = "web-identity";
  return creds;
}

}  // namespace nova::aws
