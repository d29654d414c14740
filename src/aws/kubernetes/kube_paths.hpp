#pragma once
// REST paths of the Kubernetes objects the SDK uses, and the reverse: what a path names
// (for error messages that say which resource in which namespace).

#include <string>

namespace nova::aws::kubernetes {

// "/api/v1/namespaces/<ns>/<plural>[/<name>]" (core group: configmaps, pods, services, ...).
std::string core_path(const std::string& ns, const std::string& plural, const std::string& name = {});
// "/apis/<group>/<version>/namespaces/<ns>/<plural>[/<name>]".
std::string group_path(const std::string& group, const std::string& version, const std::string& ns,
                       const std::string& plural, const std::string& name = {});
// "/apis/kubeflow.org/v1/namespaces/<ns>/pytorchjobs[/<name>]".
std::string pytorchjob_path(const std::string& ns, const std::string& name = {});
// "/api/v1/namespaces/<ns>".
std::string namespace_path(const std::string& ns);
// "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/<name>" (e.g. "pytorchjobs.kubeflow.org").
std::string crd_path(const std::string& crd_name);

// What a path names. `group` is "" for the core group.
struct ResourceRef {
  std::string group;
  std::string version;
  std::string ns;         // "" for cluster-scoped objects
  std::string resource;   // plural ("pytorchjobs", "namespaces")
  std::string name;       // "" for a collection
  std::string subresource;  // "log", "status", ...
  // "pytorchjobs.kubeflow.org" / "configmaps".
  std::string qualified_resource() const;
};
ResourceRef parse_path(const std::string& path);

// Kubernetes naming rules. Empty when valid; else why not ("must be at most 63 characters", ...).
std::string dns1123_label_problem(const std::string& name);      // ≤63, [a-z0-9-], alnum at both ends
std::string dns1123_subdomain_problem(const std::string& name);  // ≤253, labels joined by '.'
std::string dns1035_label_problem(const std::string& name);      // a DNS-1123 label starting with a letter (Services)

}  // namespace nova::aws::kubernetes
