#include "runtime/hyperpod_job_name.hpp"

#include <fmt/format.h>

#include <random>
#include <regex>
#include <sstream>

#include "aws/kubernetes/kube_paths.hpp"
#include "core/log.hpp"
#include "nova/error.hpp"
#include "runtime/hyperpod_settings.hpp"

namespace nova::runtime {

std::string hyperpod_job_name_with(std::string_view run_name, std::string_view suffix,
                                   std::size_t prefix_max_length) {
  const auto& settings = hyperpod_settings();
  std::string base;
  for (const char c : run_name) {
    if (c >= 'A' && c <= 'Z') base += static_cast<char>(c - 'A' + 'a');
    else if (c == '_') base += '-';
    else base += c;
  }
  static const std::regex allowed("^[a-z0-9][a-z0-9-]*$");
  if (!std::regex_match(base, allowed)) {
    throw ValueError(fmt::format(
        "Job name '{}' cannot name a HyperPod job: Kubernetes names take letters, digits, '-' or '_' (upper case is "
        "lowered, '_' becomes '-'), starting with a letter or digit, e.g. 'my-sft-run'.",
        run_name));
  }
  base = base.substr(0, prefix_max_length > 0 ? prefix_max_length : settings.name_prefix_max_length);
  const std::string name = fmt::format("{}-{}", base, suffix);
  if (const auto problem = aws::kubernetes::dns1123_label_problem(name); !problem.empty()) {
    throw ValueError(fmt::format("HyperPod job name '{}' (from '{}') is not a valid Kubernetes name: {}", name,
                                 run_name, problem));
  }
  if (base != run_name.substr(0, base.size()) && core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("Job name '{}' becomes '{}' on HyperPod (Kubernetes names are lower "
                                                 "case, without '_').", run_name, name));
  }
  return name;
}

std::string hyperpod_job_name(std::string_view run_name, std::size_t prefix_max_length) {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string suffix;
  for (std::size_t i = 0; i < hyperpod_settings().name_suffix_length; ++i) suffix += kAlphabet[pick(rng)];
  return hyperpod_job_name_with(run_name, suffix, prefix_max_length);
}

std::string with_run_name(const std::string& recipe_yaml, const std::string& name) {
  static const std::regex name_line(R"(^(\s+)name:.*$)");
  std::istringstream in(recipe_yaml);
  std::string out;
  bool in_run = false, done = false;
  std::size_t run_indent = std::string::npos;
  for (std::string line; std::getline(in, line);) {
    const bool top_level = !line.empty() && line[0] != ' ' && line[0] != '#';
    if (top_level) in_run = line.rfind("run:", 0) == 0;
    std::smatch m;
    if (in_run && !done && std::regex_match(line, m, name_line)) {
      if (run_indent == std::string::npos) run_indent = m[1].length();
      if (static_cast<std::size_t>(m[1].length()) == run_indent) {
        line = fmt::format("{}name: {}", m[1].str(), name);
        done = true;
      }
    } else if (in_run && run_indent == std::string::npos && !top_level && !line.empty()) {
      run_indent = line.find_first_not_of(' ');
    }
    out += line + "\n";
  }
  if (!done) throw ValueError("The recipe has no run.name to carry the HyperPod job name.");
  if (!recipe_yaml.empty() && recipe_yaml.back() != '\n') out.pop_back();
  return out;
}

}  // namespace nova::runtime
