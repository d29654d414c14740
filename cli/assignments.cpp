#include "assignments.hpp"

#include <CLI/CLI.hpp>

#include "nova/error.hpp"

namespace nova::cli {

std::map<std::string, Value> parse_assignments(const std::vector<std::string>& entries, const std::string& flag) {
  std::map<std::string, Value> out;
  for (const auto& entry : entries) {
    try {
      auto [key, value] = parse_override(entry);
      out.insert_or_assign(std::move(key), std::move(value));
    } catch (const ValueError& e) {
      throw CLI::ValidationError(flag, e.what());
    }
  }
  return out;
}

}  // namespace nova::cli
