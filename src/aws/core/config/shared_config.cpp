#include "aws/core/config/shared_config.hpp"

#include "aws/core/config/env.hpp"

namespace nova::aws {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// "profile  name" -> "name"; also accepts a quoted name (botocore splits with shlex).
std::optional<std::string> strip_prefix(std::string_view section, std::string_view prefix) {
  if (section.size() <= prefix.size() || section.substr(0, prefix.size()) != prefix) return std::nullopt;
  if (section[prefix.size()] != ' ' && section[prefix.size()] != '\t') return std::nullopt;
  auto rest = trim(section.substr(prefix.size()));
  if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') && rest.back() == rest.front()) {
    rest = rest.substr(1, rest.size() - 2);
  }
  if (rest.empty()) return std::nullopt;
  return std::string(rest);
}

void merge_into(Profile& profile, const IniSection& section, bool credentials_file) {
  for (const auto& [k, v] : section.values) {
    profile.values[k] = v;
    if (credentials_file) {
      profile.from_credentials_file.insert(k);
    } else {
      profile.from_credentials_file.erase(k);
    }
  }
  for (const auto& [k, sub] : section.subsections) {
    auto& target = profile.subsections[k];
    target.clear();
    target.insert(sub.begin(), sub.end());
  }
}

}  // namespace

std::optional<std::string> Profile::get(std::string_view key) const {
  const auto it = values.find(key);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string config_file_path() { return expand_home(env_value("AWS_CONFIG_FILE").value_or("~/.aws/config")); }

std::string credentials_file_path() {
  return expand_home(env_value("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"));
}

SharedConfig SharedConfig::load() { return load(config_file_path(), credentials_file_path()); }

SharedConfig SharedConfig::load(const std::string& config_path, const std::string& credentials_path) {
  return from_ini(load_ini_file(config_path), load_ini_file(credentials_path), config_path, credentials_path);
}

SharedConfig SharedConfig::from_ini(const IniFile& config, const IniFile& credentials, std::string config_path,
                                    std::string credentials_path) {
  SharedConfig out;
  out.config_path_ = std::move(config_path);
  out.credentials_path_ = std::move(credentials_path);
  auto profile_for = [&](const std::string& name) -> Profile& {
    auto& p = out.profiles_[name];
    p.name = name;
    return p;
  };
  // [default] first so that [profile default] overrides it wherever they disagree.
  if (const auto* def = config.find("default")) merge_into(profile_for("default"), *def, false);
  for (const auto& [name, section] : config.sections) {
    if (auto profile_name = strip_prefix(name, "profile")) {
      merge_into(profile_for(*profile_name), section, false);
    } else if (auto services_name = strip_prefix(name, "services")) {
      auto& svc = out.services_[*services_name];
      for (const auto& [key, sub] : section.subsections) svc[key] = SettingMap(sub.begin(), sub.end());
    } else if (auto sso_name = strip_prefix(name, "sso-session")) {
      out.sso_sessions_[*sso_name] = SettingMap(section.values.begin(), section.values.end());
    }
    // Bare [x] sections are not profiles in the config file; they are ignored.
  }
  for (const auto& [name, section] : credentials.sections) merge_into(profile_for(name), section, true);
  return out;
}

const Profile* SharedConfig::profile(std::string_view name) const {
  const auto it = profiles_.find(name);
  return it == profiles_.end() ? nullptr : &it->second;
}

const SettingMap* SharedConfig::service_settings(std::string_view services_name, std::string_view service_key) const {
  const auto it = services_.find(services_name);
  if (it == services_.end()) return nullptr;
  const auto sit = it->second.find(service_key);
  return sit == it->second.end() ? nullptr : &sit->second;
}

const SettingMap* SharedConfig::sso_session(std::string_view name) const {
  const auto it = sso_sessions_.find(name);
  return it == sso_sessions_.end() ? nullptr : &it->second;
}

ProfileSelection select_profile(const std::optional<std::string>& explicit_profile) {
  if (explicit_profile && !explicit_profile->empty()) return {*explicit_profile, "code"};
  if (auto p = env_value("AWS_PROFILE")) return {*p, "AWS_PROFILE"};
  if (auto p = env_value("AWS_DEFAULT_PROFILE")) return {*p, "AWS_DEFAULT_PROFILE"};
  return {"default", "default"};
}

}  // namespace nova::aws
