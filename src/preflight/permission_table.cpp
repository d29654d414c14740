#include "preflight/permission_table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "nova/error.hpp"

namespace nova::embedded {
extern const std::string_view preflight_permissions_table;
}

namespace nova::preflight {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

const json& table() {
  static const json t = json::parse(embedded::preflight_permissions_table);
  return t;
}

// Fills {name} placeholders. A value `values` lacks becomes '*' when `open` names it (its
// reason is added to `reasons`); otherwise it is an error of the table.
std::string fill(const std::string& text, const Values& values, const json& open, const std::string& sid,
                 std::vector<std::string>& reasons) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open_brace = text.find('{', pos);
    if (open_brace == std::string::npos) break;
    const auto close = text.find('}', open_brace);
    out.append(text, pos, open_brace - pos);
    const std::string name = text.substr(open_brace + 1, close - open_brace - 1);
    const auto it = values.find(name);
    if (it != values.end() && !it->second.empty()) {
      out += it->second;
    } else if (open.contains(name)) {
      out += '*';
      const std::string reason = open.at(name).get<std::string>();
      if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(reason);
    } else {
      throw ValueError(fmt::format("the {} permissions need the run's {} ({})", sid, name, text));
    }
    pos = close + 1;
  }
  out.append(text, pos, std::string::npos);
  // "training-job/{job}*" left open is "training-job/*", not "training-job/**".
  for (auto twice = out.find("**"); twice != std::string::npos; twice = out.find("**")) out.erase(twice, 1);
  return out;
}

bool has(const Values& values, const std::string& name) {
  const auto it = values.find(name);
  return it != values.end() && !it->second.empty();
}

PolicyStatement render(const json& entry, const Values& values) {
  PolicyStatement s;
  s.sid = entry.at("sid").get<std::string>();
  s.actions = entry.at("actions").get<std::vector<std::string>>();
  s.advisory = entry.value("advisory", false);
  // Every '*' is explained in the Sid: the one the table always has ('wildcard'), then each
  // value left open.
  std::vector<std::string> reasons;
  if (entry.contains("wildcard")) reasons.push_back(entry.at("wildcard").get<std::string>());
  const json open = entry.value("open", json::object());
  for (const auto& templ : entry.at("resources")) {
    s.resources.push_back(fill(templ.get<std::string>(), values, open, s.sid, reasons));
  }
  for (const auto& reason : reasons) s.sid += "Wildcard" + reason;
  if (entry.contains("condition")) s.condition_json = entry.at("condition").dump();
  return s;
}

const json& purpose_entry(const std::string& purpose) {
  const json& purposes = table().at("purposes");
  if (!purposes.contains(purpose)) {
    throw ValueError(fmt::format("no permissions are known for '{}'", purpose));
  }
  return purposes.at(purpose);
}

ordered_json statement_object(const PolicyStatement& s) {
  ordered_json st;
  st["Sid"] = s.sid;
  st["Effect"] = "Allow";
  st["Action"] = s.actions;
  st["Resource"] = s.resources;
  if (!s.condition_json.empty()) st["Condition"] = ordered_json::parse(s.condition_json);
  return st;
}

}  // namespace

std::string purpose_key(PolicyPurpose purpose, const PreflightRequest& request) {
  switch (purpose) {
    case PolicyPurpose::TRAIN:
      return request.platform == Platform::SMHP ? "hyperpod" : "train";
    case PolicyPurpose::EVALUATE:
      return request.platform == Platform::SMHP ? "hyperpod" : "evaluate";
    case PolicyPurpose::HYPERPOD:
      return "hyperpod";
    case PolicyPurpose::DEPLOY:
      if (!request.deploy_platform) {
        throw ValueError("a deploy policy needs the deploy platform: pass --deploy-platform BEDROCK_OD, BEDROCK_PT or SAGEMAKER");
      }
      return *request.deploy_platform == DeployPlatform::SAGEMAKER ? "deploy_sagemaker" : "deploy_bedrock";
  }
  return "train";
}

std::vector<PolicyStatement> statements_for(const std::string& purpose, PolicyKind kind, const Values& values) {
  const json& entry = purpose_entry(purpose);
  const char* list = kind == PolicyKind::ROLE ? "role" : "caller";
  std::vector<PolicyStatement> out;
  for (const auto& key : entry.at(list)) {
    const json& st = table().at("statements").at(key.get<std::string>());
    if (st.contains("when") && !has(values, st.at("when").get<std::string>())) continue;
    out.push_back(render(st, values));
  }
  return out;
}

std::string service_principal(const std::string& purpose) {
  return purpose_entry(purpose).at("service_principal").get<std::string>();
}

std::string default_role_name(const std::string& purpose) {
  return purpose_entry(purpose).value("default_role_name", std::string());
}

std::string policy_json(const std::vector<PolicyStatement>& statements, int indent) {
  ordered_json doc;
  doc["Version"] = "2012-10-17";
  doc["Statement"] = ordered_json::array();
  for (const auto& s : statements) doc["Statement"].push_back(statement_object(s));
  return doc.dump(indent);
}

std::string statement_json(const PolicyStatement& statement) { return statement_object(statement).dump(); }

std::string trust_policy_json(const std::string& service, const std::string& account, int indent) {
  ordered_json st;
  st["Sid"] = "LetTheServiceAssumeThisRoleForThisAccountOnly";
  st["Effect"] = "Allow";
  st["Principal"] = {{"Service", service}};
  st["Action"] = "sts:AssumeRole";
  if (!account.empty()) st["Condition"] = {{"StringEquals", {{"aws:SourceAccount", account}}}};
  ordered_json doc;
  doc["Version"] = "2012-10-17";
  doc["Statement"] = ordered_json::array({st});
  return doc.dump(indent);
}

}  // namespace nova::preflight
