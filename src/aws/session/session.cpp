#include "aws/session/session.hpp"

#include <mutex>

#include "aws/core/credentials/default_chain.hpp"
#include "aws/core/credentials/imds_provider.hpp"
#include "aws/core/credentials/refreshing_provider.hpp"
#include "aws/core/http/curl_transport.hpp"
#include "aws/sso/sso_portal_client.hpp"
#include "aws/sts/sts_role_assumer.hpp"

namespace nova::aws {
namespace {

// Instance metadata and container endpoints are local: fail fast when there is none.
std::shared_ptr<HttpTransport> metadata_transport() {
  TransportOptions o;
  o.connect_timeout = std::chrono::seconds(1);
  o.read_timeout = std::chrono::seconds(2);
  return std::make_shared<CurlTransport>(o);
}

std::mutex g_shared_mutex;
std::shared_ptr<const Session> g_shared;

}  // namespace

Session::Session(SessionOptions options)
    : options_(std::move(options)),
      config_(std::make_shared<const SharedConfig>(SharedConfig::load())),
      profile_(select_profile(options_.profile)) {
  clock_ = options_.clock ? options_.clock : system_clock();
  std::shared_ptr<HttpTransport> imds;
  const RegionFallback region_from_imds = [&]() -> std::optional<std::string> {
    const ImdsOptions io = ImdsOptions::from_environment(config_->profile(profile_.name));
    if (io.disabled) return std::nullopt;
    if (!imds) imds = metadata_transport();
    return ImdsClient(imds, io, clock_).region();
  };
  region_ = require_region(options_.region, *config_, profile_, region_from_imds);
  settings_ = resolve_client_settings(*config_, profile_);
  if (options_.transport) {
    transport_ = options_.transport;
  } else {
    TransportOptions to;
    to.ca_bundle = settings_.ca_bundle;
    transport_ = std::make_shared<CurlTransport>(to);
  }
  std::shared_ptr<CredentialsProvider> inner = options_.credentials;
  if (!inner) {
    CredentialChainOptions chain;
    if (profile_.from_code()) chain.profile = profile_.name;
    // Role credentials come from STS on this session's transport, signed with the source
    // credentials the provider passes in.
    chain.sts = std::make_shared<StsClientAssumer>(client_config("sts"));
    // IAM Identity Center is called in the sign-in's region, on this session's transport and
    // endpoint settings. Copies, not `this`: the chain outlives a moved-from Session.
    chain.sso = std::make_shared<SsoPortalClient>(
        [base = client_config("sts"), endpoint_url = options_.endpoint_url, config = config_, profile = profile_.name,
         fips = settings_.use_fips_endpoint](std::string_view service, const std::string& region) {
          EndpointInputs in;
          in.explicit_url = endpoint_url;
          in.region = region;
          in.config = config.get();
          in.profile = profile;
          in.use_fips = fips;
          ClientConfig c = base;
          const ResolvedEndpoint ep = resolve_endpoint(service, in);
          c.endpoint = ep.url();
          c.region = ep.signing_region;
          c.credentials = nullptr;  // unsigned calls
          return c;
        });
    chain.metadata_transport = imds ? imds : metadata_transport();
    chain.clock = clock_;
    chain.config = config_;
    inner = std::make_shared<DefaultCredentialsChain>(std::move(chain));
  }
  credentials_ = std::make_shared<RefreshingCredentialsProvider>(std::move(inner), clock_);
}

ResolvedEndpoint Session::endpoint(std::string_view service) const {
  EndpointInputs in;
  in.explicit_url = options_.endpoint_url;
  in.region = region_.region;
  in.config = config_.get();
  in.profile = profile_.name;
  in.use_fips = settings_.use_fips_endpoint;
  return resolve_endpoint(service, in);
}

ClientConfig Session::client_config(std::string_view service) const {
  const ResolvedEndpoint ep = endpoint(service);
  ClientConfig c;
  c.endpoint = ep.url();
  c.region = ep.signing_region;
  c.credentials = credentials_;
  c.transport = transport_;
  c.clock = clock_;
  c.clock_offset = clock_offset_;
  c.retry.max_attempts = settings_.max_attempts;
  c.retry.mode = to_string(settings_.retry_mode);
  c.jitter = options_.jitter;
  return c;
}

std::shared_ptr<const Session> Session::shared() {
  std::lock_guard lock(g_shared_mutex);
  if (!g_shared) g_shared = std::make_shared<const Session>();
  return g_shared;
}

void Session::set_shared(std::shared_ptr<const Session> session) {
  std::lock_guard lock(g_shared_mutex);
  g_shared = std::move(session);
}

}  // namespace nova::aws
