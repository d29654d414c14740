#include "aws/kubernetes/kube_paths.hpp"

#include <vector>

#include "aws/core/http/uri.hpp"

namespace nova::aws::kubernetes {
namespace {

std::string with_name(std::string path, const std::string& name) {
  return name.empty() ? path : path + "/" + uri_encode(name);
}

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  const std::string plain = path.substr(0, path.find('?'));
  while (pos <= plain.size()) {
    const std::size_t slash = plain.find('/', pos);
    const std::size_t end = slash == std::string::npos ? plain.size() : slash;
    if (end > pos) out.push_back(uri_decode(plain.substr(pos, end - pos)));
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  return out;
}

bool alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string core_path(const std::string& ns, const std::string& plural, const std::string& name) {
  return with_name("/api/v1/namespaces/" + uri_encode(ns) + "/" + plural, name);
}

std::string group_path(const std::string& group, const std::string& version, const std::string& ns,
                       const std::string& plural, const std::string& name) {
  return with_name("/apis/" + group + "/" + version + "/namespaces/" + uri_encode(ns) + "/" + plural, name);
}

std::string pytorchjob_path(const std::string& ns, const std::string& name) {
  return group_path("kubeflow.org", "v1", ns, "pytorchjobs", name);
}

std::string namespace_path(const std::string& ns) { return "/api/v1/namespaces/" + uri_encode(ns); }

std::string crd_path(const std::string& crd_name) {
  return "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + uri_encode(crd_name);
}

std::string ResourceRef::qualified_resource() const { return group.empty() ? resource : resource + "." + group; }

ResourceRef parse_path(const std::string& path) {
  const std::vector<std::string> s = segments(path);
  ResourceRef ref;
  std::size_t i = 0;
  if (s.size() >= 2 && s[0] == "api") {
    ref.version = s[1];
    i = 2;
  } else if (s.size() >= 3 && s[0] == "apis") {
    ref.group = s[1];
    ref.version = s[2];
    i = 3;
  } else {
    return ref;
  }
  // namespaces/<ns>/<resource>/... or namespaces[/<ns>] itself, or a cluster-scoped resource.
  if (i + 2 < s.size() && s[i] == "namespaces") {
    ref.ns = s[i + 1];
    i += 2;
  }
  if (i < s.size()) ref.resource = s[i++];
  if (i < s.size()) ref.name = s[i++];
  if (i < s.size()) ref.subresource = s[i++];
  return ref;
}

std::string dns1123_label_problem(const std::string& name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > 63) return "must be at most 63 characters (it has " + std::to_string(name.size()) + ")";
  for (const char c : name) {
    if (!alnum_lower(c) && c != '-') {
      return "may only contain lower-case letters, digits and '-' (found '" + std::string(1, c) + "')";
    }
  }
  if (!alnum_lower(name.front()) || !alnum_lower(name.back())) {
    return "must start and end with a lower-case letter or digit";
  }
  return {};
}

std::string dns1035_label_problem(const std::string& name) {
  if (auto problem = dns1123_label_problem(name); !problem.empty()) return problem;
  if (name.front() < 'a' || name.front() > 'z') return "must start with a lower-case letter";
  return {};
}

std::string dns1123_subdomain_problem(const std::string& name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > 253) return "must be at most 253 characters (it has " + std::to_string(name.size()) + ")";
  std::size_t pos = 0;
  while (true) {
    const std::size_t dot = name.find('.', pos);
    const std::string label = name.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    if (label.empty()) return "must not have empty parts between '.'";
    for (const char c : label) {
      if (!alnum_lower(c) && c != '-') {
        return "may only contain lower-case letters, digits, '-' and '.' (found '" + std::string(1, c) + "')";
      }
    }
    if (!alnum_lower(label.front()) || !alnum_lower(label.back())) {
      return "must start and end with a lower-case letter or digit (also around each '.')";
    }
    if (dot == std::string::npos) return {};
    pos = dot + 1;
  }
}

}  // namespace nova::aws::kubernetes
