#include "recipes/hyperpod_payload.hpp"

#include <regex>
#include <sstream>
#include <vector>

#include "nova/error.hpp"

namespace nova::recipes {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::size_t indent_of(const std::string& line) {
  const auto first = line.find_first_not_of(' ');
  return first == std::string::npos ? std::string::npos : first;
}

}  // namespace

std::string extract_hyperpod_recipe(const std::string& payload, bool rft) {
  static const std::regex source_re(R"(^#\s*Source:.*training-config\.yaml\s*$)");
  static const std::regex block_re(R"(^(\s*)config\.yaml:\s*\|-?\s*$)");
  static const std::regex task_type_re(R"(^\s*task_type:)");
  const auto lines = lines_of(payload);
  bool in_doc = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("---", 0) == 0) {
      in_doc = false;
      continue;
    }
    if (std::regex_match(lines[i], source_re)) in_doc = true;
    std::smatch m;
    if (!in_doc || !std::regex_match(lines[i], m, block_re)) continue;
    const std::size_t key_indent = m[1].length();
    std::vector<std::string> block;
    for (std::size_t j = i + 1; j < lines.size() && lines[j].rfind("---", 0) != 0; ++j) {
      const auto indent = indent_of(lines[j]);
      if (indent != std::string::npos && indent <= key_indent) break;
      block.push_back(lines[j]);
    }
    std::size_t common = std::string::npos;
    for (const auto& l : block)
      if (auto ind = indent_of(l); ind != std::string::npos) common = std::min(common, ind);
    std::string out;
    for (const auto& l : block) {
      if (rft && std::regex_search(l, task_type_re)) continue;
      out += (indent_of(l) == std::string::npos ? std::string() : l.substr(common)) + "\n";
    }
    while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
    if (out.find_first_not_of("\n ") == std::string::npos) break;
    return out;
  }
  throw ValueError("Unable to generate HyperPod recipe: the hub payload has no 'config.yaml: |-' block in a "
                   "'# Source: .../training-config.yaml' document.");
}

std::optional<std::string> find_pytorch_image(const std::string& payload) {
  static const std::regex image_re(R"(name:\s*pytorch\s*\n\s*image:\s*['"]?([^\s'"]+))");
  std::smatch m;
  // The hub's payloads are published with `image: {{container_image}}` (the fact sheet's
  // hub section): a placeholder names no image, so the entry's own image URI must be used.
  if (std::regex_search(payload, m, image_re) && m[1].str().rfind("{{", 0) != 0) return m[1].str();
  return std::nullopt;
}

}  // namespace nova::recipes
