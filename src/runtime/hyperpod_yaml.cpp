#include "runtime/hyperpod_yaml.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <regex>

#include "nova/error.hpp"

namespace nova::runtime {
namespace {

using Json = nlohmann::ordered_json;

// A plain (unquoted) scalar as YAML 1.2's core schema reads it.
Json plain_scalar(const std::string& s) {
  static const std::regex int_re(R"(^[-+]?[0-9]+$)");
  static const std::regex float_re(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (std::regex_match(s, int_re)) {
    long long v = 0;
    const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
    if (std::from_chars(begin, s.data() + s.size(), v).ec == std::errc()) return v;
  }
  if (std::regex_match(s, float_re)) return std::stod(s);
  return s;
}

Json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& kv : node) out[kv.first.as<std::string>()] = to_json(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const auto& item : node) out.push_back(to_json(item));
      return out;
    }
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted and block scalars "!", plain ones "?".
      return node.Tag() == "!" ? Json(node.Scalar()) : plain_scalar(node.Scalar());
    default:
      return nullptr;
  }
}

bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  if (!plain_scalar(s).is_string()) return true;
  static const std::regex safe(R"(^[A-Za-z0-9_./][A-Za-z0-9_./:@+=-]*$)");
  return !std::regex_match(s, safe) || s.find(": ") != std::string::npos;
}

void emit(const Json& value, int indent, std::string& out);

void emit_scalar(const Json& value, int indent, std::string& out) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    // A literal block cannot carry a final newline under `|-` nor a leading blank.
    if (s.find('\n') != std::string::npos && s.back() != '\n' && s.front() != ' ') {
      out += "|-\n";
      const std::string pad(static_cast<std::size_t>(indent), ' ');
      std::size_t start = 0;
      while (start <= s.size()) {
        const auto end = s.find('\n', start);
        const std::string line = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
        out += line.empty() ? "\n" : pad + line + "\n";
        if (end == std::string::npos) break;
        start = end + 1;
      }
      return;
    }
    out += (needs_quotes(s) ? Json(s).dump() : s) + "\n";
    return;
  }
  out += value.dump() + "\n";
}

void emit(const Json& value, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      out += pad + (needs_quotes(key) ? Json(key).dump() : key) + ":";
      if ((child.is_object() || child.is_array()) && !child.empty()) {
        out += "\n";
        emit(child, child.is_array() ? indent : indent + 2, out);
      } else if (child.is_object()) {
        out += " {}\n";
      } else if (child.is_array()) {
        out += " []\n";
      } else {
        out += " ";
        emit_scalar(child, indent + 2, out);
      }
    }
    return;
  }
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_object() && !item.empty()) {
        std::string nested;
        emit(item, indent + 2, nested);
        // The first key goes on the dash line.
        out += pad + "- " + nested.substr(static_cast<std::size_t>(indent) + 2);
      } else if (item.is_array() && !item.empty()) {
        out += pad + "-\n";
        emit(item, indent + 2, out);
      } else {
        out += pad + "- ";
        emit_scalar(item.is_object() ? Json::object() : item, indent + 2, out);
      }
    }
    return;
  }
  emit_scalar(value, indent, out);
}

}  // namespace

std::vector<nlohmann::ordered_json> parse_manifests(const std::string& text, const std::string& what) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    throw ValueError(fmt::format("{} is not valid YAML (line {}): {}", what, e.mark.line + 1, e.msg));
  }
  std::vector<nlohmann::ordered_json> out;
  for (const auto& doc : docs) {
    if (!doc.IsDefined() || doc.IsNull()) continue;
    if (!doc.IsMap()) throw ValueError(fmt::format("{} holds a document that is not a Kubernetes object", what));
    out.push_back(to_json(doc));
  }
  return out;
}

std::string manifests_yaml(const std::vector<nlohmann::ordered_json>& objects) {
  std::string out;
  for (const auto& object : objects) {
    out += "---\n";
    emit(object, 0, out);
  }
  return out;
}

}  // namespace nova::runtime
