#include "preflight/policy_document.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace nova::preflight {
namespace {

using nlohmann::json;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Actions compare case-insensitively, resource ARNs exactly (IAM's rules).
bool glob_match(std::string_view p, std::string_view s, bool fold_case = true) {
  // Iterative glob with backtracking to the last '*': linear for IAM-sized patterns.
  std::size_t pi = 0, si = 0, star = std::string_view::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++, mark = si;
    } else if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si] || (fold_case && lower(p[pi]) == lower(s[si])))) {
      ++pi, ++si;
    } else if (star != std::string_view::npos) {
      pi = star + 1, si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// A member that may be one string or a list of strings.
std::vector<std::string> strings_of(const json& value) {
  std::vector<std::string> out;
  if (value.is_string()) out.push_back(value.get<std::string>());
  if (value.is_array()) {
    for (const auto& v : value) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

std::vector<json> statements_of(const std::string& policy_json) {
  const json doc = json::parse(policy_json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("Statement")) return {};
  const json& st = doc["Statement"];
  if (st.is_object()) return {st};
  if (st.is_array()) return std::vector<json>(st.begin(), st.end());
  return {};
}

bool lists_action(const json& statement, std::string_view action) {
  if (!statement.contains("Action")) return false;
  const auto actions = strings_of(statement["Action"]);
  return std::any_of(actions.begin(), actions.end(), [&](const std::string& p) { return action_matches(p, action); });
}

bool effect_is(const json& statement, std::string_view effect) {
  return statement.value("Effect", std::string{}) == effect;
}

}  // namespace

bool action_matches(std::string_view pattern, std::string_view action) { return glob_match(pattern, action); }

bool policy_allows(const std::string& policy_json, std::string_view action, std::string_view resource) {
  bool allowed = false;
  for (const json& statement : statements_of(policy_json)) {
    if (!statement.is_object() || !lists_action(statement, action)) continue;
    const auto resources = strings_of(statement.value("Resource", json()));
    const bool on_resource = std::any_of(resources.begin(), resources.end(),
                                         [&](const std::string& p) { return glob_match(p, resource, false); });
    if (!on_resource) continue;
    if (effect_is(statement, "Deny")) return false;
    if (effect_is(statement, "Allow") && !statement.contains("Condition")) allowed = true;
  }
  return allowed;
}

bool trust_policy_allows_service(const std::string& trust_policy_json, std::string_view service) {
  for (const json& statement : statements_of(trust_policy_json)) {
    if (!statement.is_object() || !effect_is(statement, "Allow")) continue;
    if (statement.contains("Action") && !lists_action(statement, "sts:AssumeRole")) continue;
    const json principal = statement.value("Principal", json());
    if (!principal.is_object() || !principal.contains("Service")) continue;
    const auto services = strings_of(principal["Service"]);
    if (std::find(services.begin(), services.end(), service) != services.end()) return true;
  }
  return false;
}

}  // namespace nova::preflight
