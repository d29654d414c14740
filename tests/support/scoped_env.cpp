#include "support/scoped_env.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace nova::testing {

ScopedEnvironment::ScopedEnvironment(std::initializer_list<Change> changes) {
  for (const auto& [name, value] : changes) {
    if (value) {
      set(name, *value);
    } else {
      unset(name);
    }
  }
}

ScopedEnvironment::~ScopedEnvironment() {
  // Reverse order, so a variable touched twice ends at its first recorded value.
  for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
    if (it->second) {
      ::setenv(it->first.c_str(), it->second->c_str(), 1);
    } else {
      ::unsetenv(it->first.c_str());
    }
  }
}

void ScopedEnvironment::remember(const std::string& name) {
  if (std::any_of(saved_.begin(), saved_.end(), [&](const auto& s) { return s.first == name; })) return;
  const char* old = std::getenv(name.c_str());
  saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
}

void ScopedEnvironment::set(const std::string& name, const std::string& value) {
  remember(name);
  if (::setenv(name.c_str(), value.c_str(), 1) != 0) throw std::runtime_error("setenv failed for " + name);
}

void ScopedEnvironment::unset(const std::string& name) {
  remember(name);
  ::unsetenv(name.c_str());
}

void ScopedEnvironment::unset_prefix(const std::string& prefix) {
  // Collect first: unsetenv while walking environ would skip entries.
  std::vector<std::string> names;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const char* eq = std::strchr(*e, '=');
    if (eq == nullptr) continue;
    std::string name(*e, static_cast<std::size_t>(eq - *e));
    if (name.compare(0, prefix.size(), prefix) == 0) names.push_back(std::move(name));
  }
  for (const auto& name : names) unset(name);
}

void ScopedEnvironment::isolate_aws() {
  unset_prefix("AWS_");
  set("AWS_CONFIG_FILE", "/nonexistent/nova-test/aws-config");
  set("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/nova-test/aws-credentials");
  // No instance metadata lookups from unit tests unless a test turns them back on.
  set("AWS_EC2_METADATA_DISABLED", "true");
  // A passing pre-flight report is reused for a minute; tests change IAM in between.
  set("NOVA_PREFLIGHT_CACHE_SECONDS", "0");
}

}  // namespace nova::testing
