#pragma once
// The shared AWS config and credentials files, merged into profiles.
//
// Files: AWS_CONFIG_FILE (default ~/.aws/config) and AWS_SHARED_CREDENTIALS_FILE (default
// ~/.aws/credentials). In the config file a profile is `[profile name]`, except the default
// profile which may be `[default]` (or `[profile default]`, which wins); a bare `[name]` there
// is not a profile (as in botocore). In the credentials file every section `[name]` is a
// profile. For the same profile, a key in the credentials file wins over the config file.
// `[services name]` sections (config file only) hold per-service sub-sections, selected by a
// profile's `services = name`; `[sso-session name]` sections (config file only) hold an IAM
// Identity Center sign-in, named by a profile's `sso_session = name`.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "aws/core/config/ini_file.hpp"

namespace nova::aws {

using SettingMap = std::map<std::string, std::string, std::less<>>;

struct Profile {
  std::string name;
  SettingMap values;
  std::set<std::string, std::less<>> from_credentials_file;  // keys whose value came from the credentials file
  std::map<std::string, SettingMap, std::less<>> subsections;

  // The value of `key`, or nullopt when absent or empty.
  std::optional<std::string> get(std::string_view key) const;
  bool has(std::string_view key) const { return get(key).has_value(); }
};

class SharedConfig {
 public:
  // Reads the two files named by the environment (defaults under ~/.aws). Missing files are
  // empty; malformed ones throw nova::ConfigError with file and line.
  static SharedConfig load();
  static SharedConfig load(const std::string& config_path, const std::string& credentials_path);
  // Builds from already-parsed files (tests, and load()).
  static SharedConfig from_ini(const IniFile& config, const IniFile& credentials, std::string config_path = "",
                               std::string credentials_path = "");

  // nullptr when neither file defines the profile.
  const Profile* profile(std::string_view name) const;
  // The `service_key` sub-section (e.g. "s3", "cloudwatch_logs") of `[services <services_name>]`.
  const SettingMap* service_settings(std::string_view services_name, std::string_view service_key) const;
  // The settings of `[sso-session <name>]`; nullptr when the config file has no such section.
  const SettingMap* sso_session(std::string_view name) const;

  const std::string& config_path() const { return config_path_; }
  const std::string& credentials_path() const { return credentials_path_; }

 private:
  std::map<std::string, Profile, std::less<>> profiles_;
  std::map<std::string, std::map<std::string, SettingMap, std::less<>>, std::less<>> services_;
  std::map<std::string, SettingMap, std::less<>> sso_sessions_;
  std::string config_path_;
  std::string credentials_path_;
};

// Paths of the two files, from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or ~/.aws/.
std::string config_file_path();
std::string credentials_file_path();

// Which profile is in use and why.
struct ProfileSelection {
  std::string name;
  std::string source;  // "code", "AWS_PROFILE", "AWS_DEFAULT_PROFILE" or "default"
  bool from_code() const { return source == "code"; }
};

// Explicit (code, --profile) → AWS_PROFILE → AWS_DEFAULT_PROFILE → "default".
// AWS_PROFILE is the name every SDK documents; botocore also reads the older
// AWS_DEFAULT_PROFILE (and checks it first). We accept it only as a fallback so that the
// standard variable always decides when both are set.
ProfileSelection select_profile(const std::optional<std::string>& explicit_profile = std::nullopt);

}  // namespace nova::aws
