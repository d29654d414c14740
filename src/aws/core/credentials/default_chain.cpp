#include "aws/core/credentials/default_chain.hpp"

#include <algorithm>
#include <functional>

#include "aws/core/config/env.hpp"
#include "aws/core/credentials/assume_role_provider.hpp"
#include "aws/core/credentials/container_provider.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/credentials/environment_provider.hpp"
#include "aws/core/credentials/imds_provider.hpp"
#include "aws/core/credentials/process_provider.hpp"
#include "aws/core/credentials/refreshing_provider.hpp"
#include "aws/core/credentials/sso_provider.hpp"

namespace nova::aws {
namespace {

std::shared_ptr<CredentialsProvider> refreshing(std::shared_ptr<CredentialsProvider> inner,
                                                const CredentialChainOptions& options) {
  return std::make_shared<RefreshingCredentialsProvider>(std::move(inner), options.clock);
}

std::shared_ptr<StsRoleAssumer> require_sts(const CredentialChainOptions& options, const std::string& what) {
  if (!options.sts) throw ConfigError(what + " needs STS, but no STS client was configured");
  return options.sts;
}

std::shared_ptr<HttpTransport> require_transport(const CredentialChainOptions& options, const std::string& what) {
  if (!options.metadata_transport) throw ConfigError(what + " needs an HTTP transport, but none was configured");
  return options.metadata_transport;
}

std::shared_ptr<CredentialsProvider> imds_provider(const CredentialChainOptions& options, const Profile* profile) {
  auto client = std::make_shared<ImdsClient>(require_transport(options, "instance metadata"),
                                             ImdsOptions::from_environment(profile), options.clock);
  return refreshing(std::make_shared<ImdsCredentialsProvider>(std::move(client)), options);
}

// Static keys of a profile; nullptr when it has none.
std::shared_ptr<CredentialsProvider> static_keys(const Profile& p) {
  const auto key = p.get("aws_access_key_id");
  const auto secret = p.get("aws_secret_access_key");
  if (!key && !secret) return nullptr;
  if (!key || !secret) {
    throw ConfigError("profile '" + p.name + "' has only one of aws_access_key_id and aws_secret_access_key");
  }
  Credentials c;
  c.access_key_id = *key;
  c.secret_access_key = *secret;
  c.session_token = p.get("aws_session_token").value_or(p.get("aws_security_token").value_or(""));
  c.account_id = p.get("aws_account_id").value_or("");
  c.source = "profile:" + p.name;
  return std::make_shared<StaticCredentialsProvider>(std::move(c));
}

std::optional<std::chrono::seconds> duration_setting(const Profile& p) {
  const auto v = p.get("duration_seconds");
  if (!v) return std::nullopt;
  return std::chrono::seconds(parse_int_setting(*v, 900, 43200, "duration_seconds in profile '" + p.name + "'"));
}

std::string describe_not_found(const std::string& name, const SharedConfig& config) {
  return "profile '" + name + "' not found in " + config.config_path() + " or " + config.credentials_path();
}

std::shared_ptr<CredentialsProvider> resolve_profile(const std::string& name, const CredentialChainOptions& options,
                                                     const SharedConfig& config, std::vector<std::string>& visited) {
  const Profile* p = config.profile(name);
  if (p == nullptr) throw CredentialsNotFound(describe_not_found(name, config));
  visited.push_back(name);

  if (auto role_arn = p->get("role_arn")) {
    const auto source_profile = p->get("source_profile");
    const auto credential_source = p->get("credential_source");
    const auto token_file = p->get("web_identity_token_file");
    const std::string what = "profile '" + name + "'";
    if (p->has("mfa_serial")) {
      throw ConfigError(what + " sets mfa_serial; MFA-protected roles need an interactive token code, which nova-sdk "
                        "does not prompt for. Use credential_process or temporary credentials instead");
    }
    if (source_profile && credential_source) {
      throw ConfigError(what + " sets both source_profile and credential_source; keep only one");
    }
    if (!source_profile && !credential_source && token_file) {
      WebIdentityParams params{*role_arn, p->get("role_session_name").value_or(default_role_session_name()), "",
                               duration_setting(*p)};
      return refreshing(std::make_shared<WebIdentityProvider>(expand_home(*token_file), require_sts(options, what),
                                                              std::move(params)),
                        options);
    }
    std::shared_ptr<CredentialsProvider> source;
    if (source_profile) {
      if (*source_profile == name) {
        // A profile may name itself as source: its own static keys assume its role.
        source = static_keys(*p);
        if (!source) throw ConfigError(what + " names itself as source_profile but has no static keys");
      } else if (std::find(visited.begin(), visited.end(), *source_profile) != visited.end()) {
        std::string cycle;
        for (const auto& v : visited) cycle += v + " -> ";
        throw ConfigError("source_profile cycle: " + cycle + *source_profile);
      } else if (config.profile(*source_profile) == nullptr) {
        throw ConfigError(what + " has source_profile '" + *source_profile + "', which does not exist");
      } else {
        try {
          source = resolve_profile(*source_profile, options, config, visited);
        } catch (const CredentialsNotFound&) {
          throw ConfigError(what + " has source_profile '" + *source_profile + "', which holds no credentials");
        }
      }
    } else if (credential_source) {
      if (*credential_source == "Environment") {
        source = std::make_shared<EnvironmentCredentialsProvider>();
      } else if (*credential_source == "Ec2InstanceMetadata") {
        source = imds_provider(options, p);
      } else if (*credential_source == "EcsContainer") {
        source = refreshing(std::make_shared<ContainerCredentialsProvider>(
                                require_transport(options, "credential_source EcsContainer"), options.clock),
                            options);
      } else {
        throw ConfigError(what + " has credential_source '" + *credential_source +
                          "'; expected Environment, Ec2InstanceMetadata or EcsContainer");
      }
    } else {
      throw ConfigError(what + " has role_arn but no source_profile, credential_source or web_identity_token_file");
    }
    AssumeRoleParams params{*role_arn, p->get("role_session_name").value_or(default_role_session_name()),
                            p->get("external_id").value_or(""), duration_setting(*p)};
    return refreshing(std::make_shared<AssumeRoleProvider>(std::move(source), require_sts(options, what), std::move(params)),
                      options);
  }

  if (auto sso = sso_settings(*p, config)) {
    if (!options.sso) {
      throw ConfigError("profile '" + name + "' uses IAM Identity Center, but no portal client was configured");
    }
    return refreshing(std::make_shared<SsoCredentialsProvider>(std::move(*sso), options.sso, options.clock), options);
  }

  // botocore: keys from the credentials file, then credential_process, then keys from config.
  const bool keys_in_credentials_file = p->from_credentials_file.count("aws_access_key_id") > 0;
  if (keys_in_credentials_file) return static_keys(*p);
  if (auto process = p->get("credential_process")) {
    return refreshing(std::make_shared<ProcessCredentialsProvider>(*process, name), options);
  }
  if (auto keys = static_keys(*p)) return keys;
  throw CredentialsNotFound("profile '" + name + "' has no credentials (no aws_access_key_id, credential_process, "
                            "role_arn or sso_account_id / sso_role_name)");
}

}  // namespace

std::shared_ptr<CredentialsProvider> make_profile_provider(const std::string& profile,
                                                           const CredentialChainOptions& options,
                                                           const SharedConfig& config) {
  std::vector<std::string> visited;
  return resolve_profile(profile, options, config, visited);
}

DefaultCredentialsChain::DefaultCredentialsChain(CredentialChainOptions options)
    : options_(std::move(options)),
      config_(options_.config ? options_.config : std::make_shared<const SharedConfig>(SharedConfig::load())),
      profile_(select_profile(options_.profile)) {}

Credentials DefaultCredentialsChain::get() {
  std::shared_ptr<CredentialsProvider> provider;
  {
    std::lock_guard lock(mutex_);
    if (!selected_) selected_ = select();
    provider = selected_;
  }
  return provider->get();
}

std::shared_ptr<CredentialsProvider> DefaultCredentialsChain::select() {
  std::vector<std::string> tried;
  // Tries one source: returns it when it produced credentials (so the first fetch is not
  // wasted), records why it was skipped, or lets a real failure through with its name.
  auto attempt = [&](const std::string& label,
                     const std::function<std::shared_ptr<CredentialsProvider>()>& make) -> std::shared_ptr<CredentialsProvider> {
    try {
      auto provider = make();
      (void)provider->get();
      return provider;
    } catch (const CredentialsNotFound& e) {
      tried.push_back(label + ": " + e.what());
    } catch (const ConfigError& e) {
      throw ConfigError("credentials from " + label + " failed: " + e.what());
    }
    return nullptr;
  };

  if (profile_.from_code()) {
    tried.push_back("env: skipped because profile '" + profile_.name + "' was chosen explicitly");
  } else if (auto p = attempt("env", [] { return std::make_shared<EnvironmentCredentialsProvider>(); })) {
    return p;
  }

  if (auto p = attempt("web-identity", [&]() -> std::shared_ptr<CredentialsProvider> {
        const auto token_file = env_value("AWS_WEB_IDENTITY_TOKEN_FILE");
        const auto role_arn = env_value("AWS_ROLE_ARN");
        if (!token_file && !role_arn) throw CredentialsNotFound("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set");
        if (!token_file || !role_arn) {
          throw ConfigError("web identity needs both AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN; only one is set");
        }
        WebIdentityParams params{*role_arn, env_value("AWS_ROLE_SESSION_NAME").value_or(default_role_session_name()),
                                 "", std::nullopt};
        return refreshing(std::make_shared<WebIdentityProvider>(*token_file, require_sts(options_, "web identity"),
                                                                std::move(params)),
                          options_);
      })) {
    return p;
  }

  const std::string profile_label = "profile '" + profile_.name + "'";
  if (config_->profile(profile_.name) == nullptr && profile_.source != "default") {
    throw ConfigError(describe_not_found(profile_.name, *config_) + " (selected by " + profile_.source +
                      "); check the name or set AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE");
  }
  if (auto p = attempt(profile_label, [&] { return make_profile_provider(profile_.name, options_, *config_); })) {
    return p;
  }

  if (!options_.metadata_transport) {
    tried.push_back("container and imds: skipped (no HTTP transport configured)");
  } else {
    if (auto p = attempt("container", [&] {
          return refreshing(std::make_shared<ContainerCredentialsProvider>(options_.metadata_transport, options_.clock),
                            options_);
        })) {
      return p;
    }
    if (auto p = attempt("imds", [&] { return imds_provider(options_, config_->profile(profile_.name)); })) return p;
  }

  std::string msg = "no AWS credentials found. Tried, in order:";
  for (const auto& t : tried) msg += "\n  - " + t;
  msg += "\nTo fix: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add credentials for profile '" +
         profile_.name + "' to " + config_->credentials_path() + " (`aws configure`), or pick another profile with "
         "AWS_PROFILE / --profile, or run where a container or instance role is available.";
  throw CredentialsNotFound(msg);
}

}  // namespace nova::aws
