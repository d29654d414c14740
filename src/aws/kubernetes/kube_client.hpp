#pragma once
// A small client of the Kubernetes REST API (no third-party Kubernetes library): JSON over
// HTTPS to the EKS API server, TLS verified against the cluster's CA (never disabled), an
// EKS bearer token refreshed as it nears expiry and once more after a 401. Paths are the
// API's own (kube_paths.hpp builds them).
//
// GETs, LISTs and DELETEs are retried on connection errors, 429 and 5xx; a create is sent
// once (a retry after a lost answer would meet 409 for our own object).

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "aws/core/clock.hpp"
#include "aws/eks/cluster_connection.hpp"
#include "aws/kubernetes/kube_error.hpp"

namespace nova::aws {
class Session;
class HttpTransport;
}

namespace nova::aws::kubernetes {

struct LogOptions {
  std::string container;                 // empty: the pod's only container (else "pytorch")
  std::optional<long> tail_lines;        // tailLines
  std::optional<long> since_seconds;     // sinceSeconds
  bool timestamps{false};                // RFC3339 timestamp before each line
};

class KubeClient {
 public:
  // The token comes from the session's EksTokenSource for connection.eks_cluster_name.
  KubeClient(const Session& session, eks::ClusterConnection connection);
  // A bearer token source (`force_refresh` after a 401); tests use this one.
  using TokenSource = std::function<std::string(bool force_refresh)>;
  KubeClient(eks::ClusterConnection connection, TokenSource token, std::shared_ptr<const Clock> clock = system_clock());
  ~KubeClient();
  KubeClient(KubeClient&&) noexcept;
  KubeClient& operator=(KubeClient&&) noexcept;

  const eks::ClusterConnection& connection() const;

  // Puts `wrap(real transport)` in front of every request (tests: a FaultInjectingTransport
  // around the real curl transport, as Session's transport option does for AWS clients).
  using TransportDecorator = std::function<std::shared_ptr<HttpTransport>(std::shared_ptr<HttpTransport>)>;
  void decorate_transport(const TransportDecorator& wrap);

  // Throws KubeError for an error Status, nova::ServiceError ("NetworkError") when the
  // server cannot be reached or its certificate does not chain to the cluster CA.
  nlohmann::json get(const std::string& path);
  // std::nullopt on 404.
  std::optional<nlohmann::json> get_if_exists(const std::string& path);
  // POST to the collection; the created object (201/200).
  nlohmann::json create(const std::string& collection_path, const nlohmann::json& object);
  // The collection's List object (`items`), every page (continue tokens followed).
  nlohmann::json list(const std::string& collection_path, const std::string& label_selector = {});
  // DELETE with propagationPolicy Foreground (dependents first) or Background. False when
  // the object was already gone (404).
  bool remove(const std::string& path, bool foreground = true);

  // SelfSubjectAccessReview: may the caller `verb` `resource` (of API `group`, "" for core) in
  // `ns`? For checks before a launch; the answer of the real request still decides.
  bool allowed(const std::string& verb, const std::string& group, const std::string& resource, const std::string& ns);

  // The pod's log so far (plain text).
  std::string pod_logs(const std::string& ns, const std::string& pod, const LogOptions& options = {});
  // Streams the log with follow=true: chunks as they arrive until the container ends (the
  // server closes the stream) or `on_chunk` returns false. A silent stream is not a timeout.
  void follow_pod_logs(const std::string& ns, const std::string& pod,
                       const std::function<bool(std::string_view)>& on_chunk, const LogOptions& options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nova::aws::kubernetes
