#include "aws/kubernetes/kube_client.hpp"

#include <utility>

#include "aws/core/endpoints/endpoint_resolver.hpp"
#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/uri.hpp"
#include "aws/eks/eks_token.hpp"
#include "aws/kubernetes/kube_paths.hpp"
#include "aws/kubernetes/kube_status.hpp"
#include "nova/error.hpp"
#include "aws/core/protocol/page_tokens.hpp"

namespace nova::aws::kubernetes {
namespace {

using nlohmann::json;

constexpr int kMaxAttempts = 4;
// A followed log may stay silent for hours while the job computes; only a dead peer ends it.
constexpr std::chrono::hours kFollowReadTimeout{24};

std::string append_query(std::string query, const std::string& key, const std::string& value) {
  if (!query.empty()) query.push_back('&');
  return query + uri_encode(key) + "=" + uri_encode(value);
}

std::string log_query(const LogOptions& options, bool follow) {
  std::string q;
  if (!options.container.empty()) q = append_query(q, "container", options.container);
  if (options.tail_lines) q = append_query(q, "tailLines", std::to_string(*options.tail_lines));
  if (options.since_seconds) q = append_query(q, "sinceSeconds", std::to_string(*options.since_seconds));
  if (options.timestamps) q = append_query(q, "timestamps", "true");
  if (follow) q = append_query(q, "follow", "true");
  return q;
}

json parse_object(const HttpResponse& response, const std::string& what) {
  json doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    throw ServiceError("the Kubernetes API answered " + what + " with a body that is not a JSON object", "Kubernetes",
                       what, "InvalidResponse", response.status, "", false);
  }
  return doc;
}

}  // namespace

struct KubeClient::Impl {
  eks::ClusterConnection connection;
  TokenSource token;
  std::shared_ptr<const Clock> clock;
  EndpointUrl endpoint;
  std::shared_ptr<HttpTransport> transport;
  std::shared_ptr<HttpTransport> follow_transport;

  HttpRequest request(const std::string& method, const std::string& path, const std::string& query) const {
    HttpRequest r;
    r.method = method;
    r.scheme = endpoint.scheme;
    r.host = endpoint.host;
    r.path = endpoint.path_prefix + path;
    r.query = query;
    return r;
  }

  // One exchange with the 401 (refresh the token once) and retry rules. `idempotent`
  // requests are retried on connection errors, 429 and 5xx.
  HttpResponse send(HttpRequest r, bool idempotent, const std::string& verb, const std::string& path,
                    HttpTransport& via, const BodySink* sink = nullptr) {
    bool refreshed = false;
    bool force_refresh = false;
    for (int attempt = 1;; ++attempt) {
      set_header(r.headers, "Authorization", "Bearer " + token(force_refresh));
      force_refresh = false;
      const TransportResult result = via.send(r, sink);
      if (!result.ok()) {
        if (result.error->kind == TransportErrorKind::kAborted && sink != nullptr) return {};  // consumer stopped
        const bool tls = result.error->kind == TransportErrorKind::kTls;
        if (idempotent && !tls && attempt < kMaxAttempts) {
          backoff(attempt);
          continue;
        }
        throw ServiceError("cannot reach the Kubernetes API server " + endpoint.scheme + "://" + endpoint.host +
                               " of EKS cluster '" + connection.eks_cluster_name + "': " + result.error->message +
                               (tls ? " (its certificate must chain to the cluster's certificate authority)" : ""),
                           "Kubernetes", verb, "NetworkError", 0, "", !tls);
      }
      const HttpResponse& response = *result.response;
      if (response.status == 401 && !refreshed) {
        refreshed = force_refresh = true;  // a token signed with credentials that have since rotated
        continue;
      }
      const bool transient = response.status == 429 || response.status >= 500;
      if (transient && idempotent && attempt < kMaxAttempts) {
        backoff(attempt);
        continue;
      }
      if (response.status >= 300) throw kube_error(verb, path, response, connection.eks_cluster_name);
      return response;
    }
  }

  void backoff(int attempt) const { clock->sleep_for(std::chrono::milliseconds(200 << (attempt - 1))); }

  HttpResponse json_request(const std::string& method, const std::string& path, const std::string& query,
                            const std::string& body, bool idempotent) {
    HttpRequest r = request(method, path, query);
    set_header(r.headers, "Accept", "application/json");
    if (!body.empty()) {
      r.body.data = body;
      set_header(r.headers, "Content-Type", "application/json");
    }
    return send(std::move(r), idempotent, rbac_verb(method, path), path, *transport);
  }
};

KubeClient::KubeClient(const Session& session, eks::ClusterConnection connection)
    : KubeClient(connection,
                 [source = eks::token_source(session, connection.region),
                  name = connection.eks_cluster_name](bool force) mutable { return source.token(name, force).value; }) {}

KubeClient::KubeClient(eks::ClusterConnection connection, TokenSource token, std::shared_ptr<const Clock> clock)
    : impl_(std::make_unique<Impl>()) {
  impl_->endpoint = parse_endpoint_url(connection.endpoint, "the EKS cluster endpoint");
  if (impl_->endpoint.scheme != "https") {
    throw ValueError("the Kubernetes API endpoint '" + connection.endpoint + "' must use https");
  }
  if (connection.ca_pem.empty()) throw ValueError("no certificate authority to verify the Kubernetes API server with");
  TransportOptions options;
  options.ca_pem = connection.ca_pem;
  impl_->transport = std::make_shared<CurlTransport>(options);
  options.read_timeout = kFollowReadTimeout;
  impl_->follow_transport = std::make_shared<CurlTransport>(options);
  impl_->connection = std::move(connection);
  impl_->token = std::move(token);
  impl_->clock = clock ? std::move(clock) : system_clock();
}

void KubeClient::decorate_transport(const TransportDecorator& wrap) {
  impl_->transport = wrap(impl_->transport);
  impl_->follow_transport = wrap(impl_->follow_transport);
}

KubeClient::~KubeClient() = default;
KubeClient::KubeClient(KubeClient&&) noexcept = default;
KubeClient& KubeClient::operator=(KubeClient&&) noexcept = default;

const eks::ClusterConnection& KubeClient::connection() const { return impl_->connection; }

json KubeClient::get(const std::string& path) {
  return parse_object(impl_->json_request("GET", path, {}, {}, true), "get");
}

std::optional<json> KubeClient::get_if_exists(const std::string& path) {
  try {
    return get(path);
  } catch (const KubeError& e) {
    if (e.http_status() == 404) return std::nullopt;
    throw;
  }
}

json KubeClient::create(const std::string& collection_path, const json& object) {
  return parse_object(impl_->json_request("POST", collection_path, {}, object.dump(), false), "create");
}

json KubeClient::list(const std::string& collection_path, const std::string& label_selector) {
  json merged;
  std::string next;
  PageTokens tokens("Kubernetes", "list " + collection_path);
  do {
    std::string query = append_query({}, "limit", "500");
    if (!label_selector.empty()) query = append_query(query, "labelSelector", label_selector);
    if (!next.empty()) query = append_query(query, "continue", next);
    json page = parse_object(impl_->json_request("GET", collection_path, query, {}, true), "list");
    if (!page.contains("items") || !page["items"].is_array()) page["items"] = json::array();
    next.clear();
    if (const auto meta = page.find("metadata"); meta != page.end() && meta->is_object()) {
      if (const auto c = meta->find("continue"); c != meta->end() && c->is_string()) next = c->get<std::string>();
    }
    if (merged.is_null()) {
      merged = std::move(page);
    } else {
      for (auto& item : page["items"]) merged["items"].push_back(std::move(item));
    }
    if (!next.empty()) tokens.advance(next);
  } while (!next.empty());
  if (merged.contains("metadata") && merged["metadata"].is_object()) merged["metadata"].erase("continue");
  return merged;
}

bool KubeClient::remove(const std::string& path, bool foreground) {
  const json options{{"kind", "DeleteOptions"},
                     {"apiVersion", "v1"},
                     {"propagationPolicy", foreground ? "Foreground" : "Background"}};
  try {
    impl_->json_request("DELETE", path, {}, options.dump(), true);
    return true;
  } catch (const KubeError& e) {
    if (e.http_status() == 404) return false;
    throw;
  }
}

bool KubeClient::allowed(const std::string& verb, const std::string& group, const std::string& resource,
                         const std::string& ns) {
  const json review{{"apiVersion", "authorization.k8s.io/v1"},
                    {"kind", "SelfSubjectAccessReview"},
                    {"spec",
                     {{"resourceAttributes", {{"namespace", ns}, {"verb", verb}, {"group", group}, {"resource", resource}}}}}};
  const json answer = create("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review);
  const auto status = answer.find("status");
  return status != answer.end() && status->is_object() && status->value("allowed", false);
}

std::string KubeClient::pod_logs(const std::string& ns, const std::string& pod, const LogOptions& options) {
  const std::string path = core_path(ns, "pods", pod) + "/log";
  HttpRequest r = impl_->request("GET", path, log_query(options, false));
  return impl_->send(std::move(r), true, "get", path, *impl_->transport).body;
}

void KubeClient::follow_pod_logs(const std::string& ns, const std::string& pod,
                                 const std::function<bool(std::string_view)>& on_chunk, const LogOptions& options) {
  const std::string path = core_path(ns, "pods", pod) + "/log";
  HttpRequest r = impl_->request("GET", path, log_query(options, true));
  const BodySink sink = [&on_chunk](std::string_view chunk) { return on_chunk(chunk); };
  // Not retried: a resumed stream would repeat what was already delivered.
  impl_->send(std::move(r), false, "get", path, *impl_->follow_transport, &sink);
}

}  // namespace nova::aws::kubernetes
