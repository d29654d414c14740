#include "preflight/permission_table.hpp"

#include <fmt/format.h>

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

// Fills {name} placeholders; `missing` gets the first one `values` lacks.
std::string fill(const std::string& text, const Values& values, std::string& missing) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find('{', pos);
    if (open == std::string::npos) break;
    const auto close = text.find('}', open);
    out.append(text, pos, open - pos);
    const std::string name = text.substr(open + 1, close - open - 1);
    const auto it = values.find(name);
    if (it == values.end() || it->second.empty()) {
      if (missing.empty()) missing = name;
    } else {
      out += it->second;
    }
    pos = close + 1;
  }
  out.append(text, pos, std::string::npos);
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
  std::string reason = entry.value("wildcard", std::string());
  for (const auto& templ : entry.at("resources")) {
    std::string missing;
    std::string resource = fill(templ.get<std::string>(), values, missing);
    if (!missing.empty()) {
      // An 'open' value not given leaves the resource open at that point: the template puts
      // the value just before a '*' or at the end, so the empty value widens to the prefix.
      const auto open = entry.value("open", json::object());
      if (!open.contains(missing)) {
        throw ValueError(fmt::format("the {} permissions need the run's {} ({})", s.sid, missing, templ.get<std::string>()));
      }
      reason = open.at(missing).get<std::string>();
      if (resource.empty() || resource.back() != '*') resource += '*';
    }
    s.resources.push_back(std::move(resource));
  }
  if (!reason.empty()) s.sid += "Wildcard" + reason;
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
