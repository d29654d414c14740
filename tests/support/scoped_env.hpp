#pragma once
// Sets and unsets environment variables for the lifetime of one object; the destructor
// puts every touched variable back as it was (set to its old value, or unset). Tests that
// resolve AWS configuration use it so the machine's own AWS_* variables and ~/.aws files
// never leak into a result.
//
// Not thread-safe: the process environment is global. Create it at the top of a test,
// before starting any thread that reads the environment.

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nova::testing {

class ScopedEnvironment {
 public:
  ScopedEnvironment() = default;
  using Change = std::pair<std::string, std::optional<std::string>>;
  // Applies each entry: a value sets the variable, std::nullopt unsets it.
  //   ScopedEnvironment env{{"AWS_REGION", "eu-west-1"}, {"AWS_PROFILE", std::nullopt}};
  ScopedEnvironment(std::initializer_list<Change> changes);
  ~ScopedEnvironment();
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

  void set(const std::string& name, const std::string& value);
  void unset(const std::string& name);
  // Unsets every variable whose name starts with `prefix` (e.g. "AWS_").
  void unset_prefix(const std::string& prefix);
  // The usual isolation for AWS tests: unsets every AWS_* variable and points the shared
  // config and credentials files at paths that do not exist, so ~/.aws is never read.
  void isolate_aws();

 private:
  void remember(const std::string& name);
  // Original values, recorded the first time each variable is touched.
  std::vector<Change> saved_;
};

}  // namespace nova::testing
