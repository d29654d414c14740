#include "aws/eks/eks_token.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <tuple>
#include <utility>

#include "aws/core/endpoints/endpoint_resolver.hpp"
#include "aws/core/sigv4/signer.hpp"
#include "aws/eks/base64_text.hpp"
#include "aws/session/session.hpp"

namespace nova::aws::eks {
namespace {

using std::chrono::minutes;
using Clock_ = std::chrono::system_clock;

constexpr std::string_view kTokenPrefix = "k8s-aws-v1.";
// What `aws eks get-token` announces; EKS itself accepts the token for 15 minutes.
constexpr minutes kAnnouncedLifetime{14};
// A token is replaced this long before it (or the credentials that signed it) expires.
constexpr minutes kRefreshMargin{1};

// botocore emits X-Amz-Security-Token after X-Amz-SignedHeaders (the signer sorts it
// before); the signature is the same either way, but the token is the URL's bytes, so it
// is written as `aws eks get-token` writes it.
std::string in_botocore_order(const std::string& url) {
  const std::string key = "&X-Amz-Security-Token=";
  const auto start = url.find(key);
  if (start == std::string::npos) return url;
  const auto end = url.find('&', start + 1);
  std::string item = url.substr(start, end - start);
  std::string rest = url.substr(0, start) + url.substr(end);
  const auto signature = rest.find("&X-Amz-Signature=");
  rest.insert(signature, item);
  return rest;
}

std::string sts_host_for(const std::string& region) {
  EndpointInputs in;
  in.region = region;
  in.default_host_only = true;
  return resolve_endpoint("sts", in).host;
}

}  // namespace

EksToken make_eks_token(const Credentials& credentials, const std::string& region, const std::string& sts_host,
                        const std::string& eks_cluster_name, Clock_::time_point now) {
  HttpRequest request;
  request.method = "GET";
  request.scheme = "https";
  request.host = sts_host;
  request.path = "/";
  request.query = "Action=GetCallerIdentity&Version=2011-06-15";
  request.headers.emplace_back("x-k8s-aws-id", eks_cluster_name);
  SigningParams params;
  params.region = region;
  params.service = "sts";
  params.time = now;
  const std::string url = in_botocore_order(presign_url(request, credentials, params, std::chrono::seconds(60)));
  EksToken token;
  token.value = std::string(kTokenPrefix) + base64url_unpadded(url);
  token.expires_at = std::chrono::time_point_cast<std::chrono::seconds>(now) + kAnnouncedLifetime;
  if (credentials.expiration && *credentials.expiration < token.expires_at) token.expires_at = *credentials.expiration;
  return token;
}

struct EksTokenSource::Cache {
  std::mutex mutex;
  // (access key, region, cluster, clock offset in ms)
  std::map<std::tuple<std::string, std::string, std::string, std::int64_t>, EksToken> tokens;
};

struct EksTokenSource::State {
  std::shared_ptr<CredentialsProvider> credentials;
  std::string region;
  std::string sts_host;
  std::shared_ptr<const Clock> clock;
  std::shared_ptr<const ClockOffset> clock_offset;  // may be null: no correction
  std::shared_ptr<Cache> cache = std::make_shared<Cache>();
};

EksTokenSource::EksTokenSource(std::shared_ptr<CredentialsProvider> credentials, std::string region,
                               std::shared_ptr<const Clock> clock, std::shared_ptr<const ClockOffset> clock_offset)
    : state_(std::make_shared<State>()) {
  state_->credentials = std::move(credentials);
  state_->sts_host = sts_host_for(region);
  state_->region = std::move(region);
  state_->clock = clock ? std::move(clock) : system_clock();
  state_->clock_offset = std::move(clock_offset);
}

EksToken EksTokenSource::token(const std::string& eks_cluster_name, bool force_refresh) {
  const Credentials credentials = state_->credentials->get();
  const auto now = state_->clock->now();
  Cache& cache = *state_->cache;
  std::lock_guard lock(cache.mutex);
  // Tokens of rotated credentials are never asked for again: drop them once expired.
  std::erase_if(cache.tokens, [&](const auto& entry) { return entry.second.expires_at <= now; });
  const std::chrono::milliseconds offset = state_->clock_offset ? state_->clock_offset->get() : std::chrono::milliseconds(0);
  auto& slot = cache.tokens[{credentials.access_key_id, state_->region, eks_cluster_name, offset.count()}];
  if (force_refresh || slot.value.empty() || now + kRefreshMargin >= slot.expires_at) {
    // Signed in the servers' time; cached and announced in ours.
    slot = make_eks_token(credentials, state_->region, state_->sts_host, eks_cluster_name, now + offset);
    slot.expires_at -= offset;
  }
  return slot;
}

EksTokenSource token_source(const Session& session, const std::string& region) {
  static const auto shared_cache = std::make_shared<EksTokenSource::Cache>();
  const ClientConfig config = session.client_config("sts");
  EksTokenSource source(config.credentials, region.empty() ? config.region : region, config.clock, config.clock_offset);
  source.state_->cache = shared_cache;
  return source;
}

std::string eks_bearer_token(const Session& session, const std::string& eks_cluster_name) {
  return token_source(session).token(eks_cluster_name).value;
}

}  // namespace nova::aws::eks
