#pragma once
// Replaying a run's requests against a generated IAM policy: a transport that records every
// request on its way to the real one, the IAM action and resource of each request, and a
// small evaluator of Allow statements. Used to check that `nova iam policy` allows every
// call a run makes and nothing outside it.

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "aws/core/http/http_request.hpp"
#include "aws/core/http/http_transport.hpp"

namespace nova::testing {

// A request as IAM sees it: an action on a resource.
struct Call {
  std::string action, resource;
};

// Records every request on the way to the real transport.
class RecordingTransport final : public aws::HttpTransport {
 public:
  explicit RecordingTransport(std::shared_ptr<aws::HttpTransport> inner) : inner_(std::move(inner)) {}
  aws::TransportResult send(const aws::HttpRequest& request, const aws::BodySink* sink) override {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      requests_.back().body.read = nullptr;  // a streamed body is not kept
    }
    return inner_->send(request, sink);
  }
  std::vector<aws::HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  std::shared_ptr<aws::HttpTransport> inner_;
  mutable std::mutex mutex_;
  std::vector<aws::HttpRequest> requests_;
};

// %XX decoded, '+' as a space (form values and URL path segments).
inline std::string percent_decoded(const std::string& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size()) {
      out += static_cast<char>(std::stoi(v.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += v[i] == '+' ? ' ' : v[i];
    }
  }
  return out;
}

inline std::string form_value(const std::string& form, const std::string& key) {
  std::smatch m;
  if (!std::regex_search(form, m, std::regex("(?:^|&)" + key + "=([^&]*)"))) return {};
  return percent_decoded(m[1]);
}

// The action and resource of a request (IAM's service authorization reference); a request
// this does not know fails the test rather than being skipped.
inline std::optional<Call> call_of(const aws::HttpRequest& r, const std::map<std::string, std::string>& cluster_arns = {}) {
  const std::string* auth = aws::find_header(r.headers, "Authorization");
  std::smatch m;
  const std::string a = auth ? *auth : "";
  if (!std::regex_search(a, m, std::regex("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request"))) return Call{"?", r.url()};
  const std::string service = m[1];
  const std::string sm = "arn:aws:sagemaker:us-east-1:123456789012:";
  if (service == "sts") return std::nullopt;  // GetCallerIdentity needs no permission
  if (service == "iam") {
    const std::string op = form_value(r.body.data, "Action");
    std::string resource = "*";
    if (auto role = form_value(r.body.data, "RoleName"); !role.empty()) resource = "arn:aws:iam::123456789012:role/" + role;
    if (auto arn = form_value(r.body.data, "PolicyArn"); !arn.empty()) resource = arn;
    if (auto arn = form_value(r.body.data, "PolicySourceArn"); !arn.empty()) resource = arn;
    return Call{"iam:" + op, resource};
  }
  if (service == "sagemaker" || service == "servicequotas" || service == "kms") {
    const std::string* target = aws::find_header(r.headers, "X-Amz-Target");
    const std::string op = target ? target->substr(target->find('.') + 1) : "?";
    const nlohmann::json body = nlohmann::json::parse(r.body.data, nullptr, false);
    if (service == "servicequotas") return Call{"servicequotas:" + op, "*"};
    if (service == "kms") return Call{"kms:" + op, body.value("KeyId", "*")};
    if (op.rfind("List", 0) == 0) return Call{"sagemaker:" + op, "*"};
    if (body.contains("TrainingJobName")) return Call{"sagemaker:" + op, sm + "training-job/" + body.value("TrainingJobName", "")};
    if (op == "DescribeHubContent") {
      return Call{"sagemaker:" + op, "arn:aws:sagemaker:us-east-1:aws:hub-content/" + body.value("HubName", "") + "/" +
                                         body.value("HubContentType", "") + "/" + body.value("HubContentName", "")};
    }
    if (body.contains("ClusterName")) {
      const auto it = cluster_arns.find(body.value("ClusterName", ""));
      return Call{"sagemaker:" + op, it == cluster_arns.end() ? "?" : it->second};
    }
    return Call{"sagemaker:" + op, "?"};
  }
  if (service == "eks") {
    // REST: GET /clusters/<name> is DescribeCluster, /clusters/<name>/addons ListAddons.
    std::smatch p;
    if (std::regex_match(r.path, p, std::regex("/clusters/([^/]+)(/addons)?"))) {
      return Call{p[2].matched ? "eks:ListAddons" : "eks:DescribeCluster",
                  "arn:aws:eks:us-east-1:123456789012:cluster/" + p[1].str()};
    }
  }
  if (service == "bedrock") {
    // REST-JSON (botocore's bedrock model): the operation from method + path, the resource
    // from the identifier in the path (a name or a URL-encoded ARN) or the body.
    const std::string br = "arn:aws:bedrock:us-east-1:123456789012:";
    auto resource_of = [&](const std::string& kind, std::string id) {
      id = percent_decoded(id);
      return id.rfind("arn:", 0) == 0 ? id : br + kind + "/" + id;
    };
    const nlohmann::json body = nlohmann::json::parse(r.body.data, nullptr, false);
    std::smatch p;
    if (r.path == "/custom-models/create-custom-model") return Call{"bedrock:CreateCustomModel", br + "custom-model/" + body.value("modelName", "")};
    if (r.path == "/custom-models") return Call{"bedrock:ListCustomModels", "*"};
    if (std::regex_match(r.path, p, std::regex("/custom-models/([^/]+)"))) return Call{"bedrock:" + std::string(r.method == "DELETE" ? "DeleteCustomModel" : "GetCustomModel"), resource_of("custom-model", p[1])};
    if (r.path == "/model-customization/custom-model-deployments") {
      return r.method == "POST" ? Call{"bedrock:CreateCustomModelDeployment", br + "custom-model-deployment/" + body.value("modelDeploymentName", "")}
                                : Call{"bedrock:ListCustomModelDeployments", "*"};
    }
    if (std::regex_match(r.path, p, std::regex("/model-customization/custom-model-deployments/([^/]+)"))) {
      return Call{"bedrock:" + std::string(r.method == "DELETE" ? "DeleteCustomModelDeployment" : "GetCustomModelDeployment"), resource_of("custom-model-deployment", p[1])};
    }
    if (r.path == "/listTagsForResource") return Call{"bedrock:ListTagsForResource", body.value("resourceARN", "?")};
    if (r.path == "/provisioned-model-throughput") return Call{"bedrock:CreateProvisionedModelThroughput", br + "provisioned-model/" + body.value("provisionedModelName", "")};
    if (r.path == "/provisioned-model-throughputs") return Call{"bedrock:ListProvisionedModelThroughputs", "*"};
    if (std::regex_match(r.path, p, std::regex("/provisioned-model-throughput/([^/]+)"))) {
      return Call{"bedrock:" + std::string(r.method == "PATCH" ? "UpdateProvisionedModelThroughput" : r.method == "DELETE" ? "DeleteProvisionedModelThroughput" : "GetProvisionedModelThroughput"), resource_of("provisioned-model", p[1])};
    }
  }
  if (service == "s3") {
    const std::string path = r.path.substr(1);
    const auto slash = path.find('/');
    const std::string bucket = path.substr(0, slash);
    const bool object = slash != std::string::npos && slash + 1 < path.size();
    const std::string arn = "arn:aws:s3:::" + (object ? path : bucket);
    if (!object) {
      if (r.method == "PUT" && r.query.empty()) return Call{"s3:CreateBucket", arn};
      if (r.method == "HEAD" || r.method == "GET") return Call{"s3:ListBucket", arn};
      return Call{"s3:?" + r.method + "?" + r.query, arn};
    }
    if (r.method == "GET" || r.method == "HEAD") return Call{"s3:GetObject", arn};
    if (r.method == "PUT" || r.method == "POST") return Call{"s3:PutObject", arn};
    if (r.method == "DELETE") return Call{"s3:AbortMultipartUpload", arn};
  }
  return Call{service + ":?", r.url()};
}

// A small IAM evaluator: Allow statements only (the generated policies have no Deny),
// actions case-insensitive, resources exact, `*` and `?` wildcards. Conditions are checked
// separately (only iam:PassRole has one).
inline std::regex glob(const std::string& pattern, bool icase) {
  std::string re;
  for (char ch : pattern) {
    if (ch == '*') re += ".*";
    else if (ch == '?') re += '.';
    else if (std::string("\\^$.|+()[]{}").find(ch) != std::string::npos) re += std::string("\\") + ch;
    else re += ch;
  }
  return std::regex(re, icase ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript);
}

inline bool allows(const nlohmann::json& policy, const std::string& action, const std::string& resource) {
  for (const auto& s : policy.at("Statement")) {
    if (s.at("Effect") != "Allow") continue;
    const bool act = std::any_of(s.at("Action").begin(), s.at("Action").end(),
                                 [&](const nlohmann::json& a) { return std::regex_match(action, glob(a.get<std::string>(), true)); });
    const bool res = std::any_of(s.at("Resource").begin(), s.at("Resource").end(),
                                 [&](const nlohmann::json& p) { return std::regex_match(resource, glob(p.get<std::string>(), false)); });
    if (act && res) return true;
  }
  return false;
}

}  // namespace nova::testing
