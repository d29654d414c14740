#include "runtime/hyperpod_yaml.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <regex>
#include <sstream>

#include "core/text.hpp"
#include "nova/error.hpp"

namespace nova::runtime {
namespace {

using Json = nlohmann::ordered_json;

// A plain (unquoted) scalar as YAML 1.2's core schema reads it; nullopt for a number too
// large for a double (JSON has no infinity).
std::optional<Json> plain_scalar(const std::string& s) {
  static const std::regex int_re(R"(^[-+]?[0-9]+$)");
  static const std::regex float_re(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Json(nullptr);
  if (s == "true" || s == "True" || s == "TRUE") return Json(true);
  if (s == "false" || s == "False" || s == "FALSE") return Json(false);
  if (std::regex_match(s, int_re)) {
    long long v = 0;
    const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
    if (std::from_chars(begin, s.data() + s.size(), v).ec == std::errc()) return Json(v);
  }
  if (std::regex_match(s, float_re)) {
    errno = 0;
    const double v = std::strtod(s.c_str(), nullptr);
    // Underflow reads as (almost) zero, as YAML parsers do; overflow has no JSON form.
    if (errno == ERANGE && std::isinf(v)) return std::nullopt;
    return Json(v);
  }
  return Json(s);
}

bool is_plain_text(const std::string& s) {
  const auto scalar = plain_scalar(s);
  return scalar && scalar->is_string();
}

// yaml-cpp shares an aliased node instead of copying it, so a few lines of anchors and
// aliases ("billion laughs") or an alias inside its own anchor describe a tree of
// astronomical size or infinite depth. Converting counts every value, level and byte it
// makes. The largest template (RFT, a dozen objects) holds about two thousand values nested
// a dozen levels; etcd stores at most 1.5 MB per object.
constexpr std::size_t kMaxTextBytes = 4u << 20;
constexpr std::size_t kMaxValues = 50'000;
constexpr std::size_t kMaxExpandedBytes = 16u << 20;
constexpr int kMaxDepth = 64;

class Reader {
 public:
  explicit Reader(const std::string& what) : what_(what) {}

  Json to_json(const YAML::Node& node, int depth) {
    enter(node, depth);
    switch (node.Type()) {
      case YAML::NodeType::Map: {
        Json out = Json::object();
        for (const auto& kv : node) out[key_of(kv.first)] = to_json(kv.second, depth + 1);
        return out;
      }
      case YAML::NodeType::Sequence: {
        Json out = Json::array();
        for (const auto& item : node) out.push_back(to_json(item, depth + 1));
        return out;
      }
      case YAML::NodeType::Scalar:
        return scalar(node);
      default:
        return nullptr;
    }
  }

 private:
  void enter(const YAML::Node& node, int depth) {
    if (++values_ > kMaxValues) {
      fail(node, fmt::format("expands to more than {} values (repeated YAML aliases?); a HyperPod template holds a few thousand",
                             kMaxValues));
    }
    if (depth > kMaxDepth) fail(node, fmt::format("nests more than {} levels deep (an alias inside its own anchor?)", kMaxDepth));
  }

  const std::string& text(const YAML::Node& node) {
    const std::string& s = node.Scalar();
    bytes_ += s.size();
    if (bytes_ > kMaxExpandedBytes) {
      fail(node, fmt::format("expands to more than {} MiB of text (repeated YAML aliases?)", kMaxExpandedBytes >> 20));
    }
    if (!core::is_valid_utf8(s)) fail(node, "holds text that is not valid UTF-8");
    return s;
  }

  std::string key_of(const YAML::Node& key) {
    // Kubernetes objects are JSON: every key is text.
    if (!key.IsScalar()) fail(key, "has a mapping key that is not text (a list, a mapping or null)");
    return text(key);
  }

  Json scalar(const YAML::Node& node) {
    const std::string& s = text(node);
    // yaml-cpp tags quoted and block scalars "!", plain ones "?".
    if (node.Tag() == "!") return s;
    auto value = plain_scalar(s);
    if (!value) fail(node, fmt::format("holds the number {} which is too large; quote it to keep it as text", s.substr(0, 40)));
    return std::move(*value);
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& problem) const {
    throw ValueError(fmt::format("{} {} (line {})", what_, problem, node.Mark().line + 1));
  }

  const std::string& what_;
  std::size_t values_{0};
  std::size_t bytes_{0};
};

bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  if (!is_plain_text(s)) return true;
  static const std::regex safe(R"(^[A-Za-z0-9_./][A-Za-z0-9_./:@+=-]*$)");
  // A plain scalar ending in ':' reads as a key; one starting with "..." may end the document.
  return !std::regex_match(s, safe) || s.find(": ") != std::string::npos || s.back() == ':' || s.rfind("...", 0) == 0;
}

constexpr std::size_t kMaxImplicitKey = 1000;

void emit(const Json& value, int indent, std::string& out);

// Whether `s` reads back unchanged from a `|-` literal block. A literal block cannot carry a
// final newline, a first line that is empty or starts with a blank (its indentation would be
// taken from it), or a character YAML does not allow in a document (NUL and other C0/C1
// controls, DEL, CR), nor a BOM or a Unicode line or paragraph separator, which readers may
// take for structure. Such text is written double-quoted, where all of these are escaped or kept.
bool literal_block_keeps(const std::string& s) {
  if (s.find('\n') == std::string::npos || s.back() == '\n') return false;
  if (s.front() == '\n' || s.front() == ' ' || s.front() == '\t') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\t') continue;
    if (c < 0x20 || c == 0x7F) return false;
    const auto next = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) return false;                     // C1 controls, NEL
    if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) return false;  // LS, PS
    if (c == 0xEF && next(1) == 0xBB && next(2) == 0xBF) return false;                     // BOM
  }
  return true;
}

void emit_scalar(const Json& value, int indent, std::string& out) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (literal_block_keeps(s)) {
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
      const std::string written = needs_quotes(key) ? Json(key).dump() : key;
      // YAML limits implicit keys to 1024 characters; longer ones take the explicit "? key" form.
      out += written.size() > kMaxImplicitKey ? pad + "? " + written + "\n" + pad + ":" : pad + written + ":";
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

// yaml-cpp 0.7's LoadAll never returns on a stray ',' at the top level ("a",b): the parser
// yields an empty document without consuming the token, forever, and memory grows. A first
// pass over the parser's events stops when a document starts where the previous one did;
// it also bounds the number of documents.
constexpr std::size_t kMaxDocuments = 1'000;

class DocumentCheck final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  static void check(const std::string& text, const std::string& what) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentCheck check;
    std::optional<int> previous;
    for (std::size_t docs = 0; parser.HandleNextDocument(check); ++docs) {
      if (previous == check.start_.pos) {
        throw ValueError(fmt::format("{} is not valid YAML (line {}): unexpected text after the end of a document", what,
                                     check.start_.line + 1));
      }
      if (docs >= kMaxDocuments) {
        throw ValueError(fmt::format("{} holds more than {} YAML documents; a HyperPod template holds a dozen objects", what,
                                     kMaxDocuments));
      }
      previous = check.start_.pos;
    }
  }

 private:
  YAML::Mark start_;
};

}  // namespace

std::vector<nlohmann::ordered_json> parse_manifests(const std::string& text, const std::string& what) {
  if (text.size() > kMaxTextBytes) {
    throw ValueError(fmt::format("{} is {} bytes; HyperPod templates and recipes are at most {} MiB", what, text.size(),
                                 kMaxTextBytes >> 20));
  }
  std::vector<YAML::Node> docs;
  try {
    DocumentCheck::check(text, what);
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    throw ValueError(fmt::format("{} is not valid YAML (line {}): {}", what, e.mark.line + 1, e.msg));
  }
  std::vector<nlohmann::ordered_json> out;
  Reader reader(what);  // one budget for all documents
  for (const auto& doc : docs) {
    if (!doc.IsDefined() || doc.IsNull()) continue;
    if (!doc.IsMap()) throw ValueError(fmt::format("{} holds a document that is not a Kubernetes object", what));
    out.push_back(reader.to_json(doc, 0));
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
