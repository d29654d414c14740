#include "recipes/recipe_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <optional>
#include <regex>
#include <utility>

#include "core/text.hpp"
#include "nova/error.hpp"

namespace nova::recipes {
namespace {

// yaml-cpp shares an aliased node instead of copying it, so a few lines of anchors and
// aliases ("billion laughs") or an alias inside its own anchor describe a tree of
// astronomical size or infinite depth. Converting counts every node and level it makes:
// recipes have a few hundred values, nested a handful of levels.
constexpr std::size_t kMaxNodes = 20'000;
constexpr int kMaxDepth = 64;

struct Budget {
  const std::string& what;
  std::size_t nodes{0};

  void enter(int depth) {
    if (++nodes > kMaxNodes) {
      throw ValueError("recipe " + what + " expands to more than " + std::to_string(kMaxNodes) +
                       " values (repeated YAML aliases?); a recipe holds a few hundred");
    }
    if (depth > kMaxDepth) {
      throw ValueError("recipe " + what + " nests more than " + std::to_string(kMaxDepth) +
                       " levels deep (an alias inside its own anchor?)");
    }
  }
};

// The first character of UTF-8 text `s` outside YAML's printable set (tab, LF, CR, U+0020-
// U+007E, NEL, U+00A0-U+D7FF, U+E000-U+FFFD, beyond U+FFFF), or nullopt.
std::optional<char32_t> first_unprintable(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    const bool printable = cp == 0x09 || cp == 0x0A || cp == 0x0D ||
                           (cp >= 0x20 && cp != 0x7F && (cp < 0x80 || cp > 0x9F || cp == 0x85) && cp != 0xFFFE &&
                            cp != 0xFFFF);
    if (!printable) return cp;
    i += n;
  }
  return std::nullopt;
}

std::string code_point_name(char32_t cp) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  return code;
}

// YAML is printable Unicode. yaml-cpp reads other bytes without complaint but cannot write
// them back: a key starting with FE FF was emitted as a UTF-16 byte-order mark, a NUL as a
// stray 0xA0 byte, and the recipe we wrote did not parse again (found by fuzz_recipe_yaml).
// Refuses text that is not UTF-8 or holds a character outside the printable set, naming the line.
void require_printable_unicode(const std::string& text, const std::string& what) {
  std::size_t line = 1;
  for (std::size_t start = 0, end = 0; start <= text.size(); start = end + 1, ++line) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view l = std::string_view(text).substr(start, end - start);
    if (!core::is_valid_utf8(l)) {
      throw ValueError("Failed to parse recipe " + what + ": line " + std::to_string(line) +
                       " is not valid UTF-8 (save the file as UTF-8)");
    }
    if (const auto cp = first_unprintable(l)) {
      throw ValueError("Failed to parse recipe " + what + ": line " + std::to_string(line) + " holds the character " +
                       code_point_name(*cp) + ", which YAML does not allow");
    }
  }
}

// A quoted scalar may spell any character with an escape ("\e", "\x7f"). yaml-cpp writes most
// of them back as escapes, but DEL, U+FFFE and U+FFFF raw or mangled: a recipe holding them
// could not be written and read again, and no recipe setting needs them.
void require_writable(const std::string& scalar, const std::string& what) {
  static constexpr std::pair<std::string_view, const char*> kUnwritable[] = {
      {"\x7f", "U+007F"}, {"\xef\xbf\xbe", "U+FFFE"}, {"\xef\xbf\xbf", "U+FFFF"}};
  for (const auto& [bytes, name] : kUnwritable) {
    if (scalar.find(bytes) != std::string::npos) {
      throw ValueError("Failed to parse recipe " + what + ": a key or value holds the character " + name +
                       ", which a recipe cannot hold");
    }
  }
}

Value scalar_value(const YAML::Node& node, const std::string& what) {
  require_writable(node.Scalar(), what);
  // A quoted scalar carries the non-specific tag "!": it is a string whatever it looks like.
  if (node.Tag() == "!") return Value(node.Scalar());
  return parse_yaml_value(node.Scalar());
}

Value sequence_value(const YAML::Node& node, Budget& budget, int depth) {
  std::vector<Value> items;
  for (const auto& item : node) {
    budget.enter(depth + 1);
    if (item.IsScalar()) items.push_back(scalar_value(item, budget.what));
    else if (item.IsSequence()) items.push_back(sequence_value(item, budget, depth + 1));
    else if (item.IsNull()) items.emplace_back();
    else throw ValueError("recipe " + budget.what + " has a list of mappings, which recipes do not use");
  }
  return Value(items);
}

RecipeNode convert(const YAML::Node& node, Budget& budget, int depth) {
  budget.enter(depth);
  RecipeNode out;
  if (node.IsMap()) {
    out.is_map = true;
    for (const auto& kv : node) {
      require_writable(kv.first.Scalar(), budget.what);
      out.children.push_back(RecipeMapEntry{kv.first.Scalar(), convert(kv.second, budget, depth + 1)});
    }
  } else if (node.IsSequence()) {
    out.value = sequence_value(node, budget, depth);
  } else if (node.IsScalar()) {
    out.value = scalar_value(node, budget.what);
  }
  return out;
}

void emit_value(YAML::Emitter& out, const Value& value) {
  if (value.kind() == Value::Kind::List) {
    out << YAML::BeginSeq;
    for (const auto& item : value.as_list()) emit_value(out, item);
    out << YAML::EndSeq;
    return;
  }
  if (value.is_null()) {
    out << YAML::Null;
    return;
  }
  if (value.kind() == Value::Kind::Bool) {
    out << value.as_bool();
    return;
  }
  // Line breaks and characters outside YAML's printable set (from escapes in a quoted input)
  // survive only as escapes in a double-quoted scalar: a single-quoted one folds a line break
  // into a space and cannot escape at all.
  if (value.kind() == Value::Kind::String &&
      (first_unprintable(value.as_string()) || value.as_string().find_first_of("\n\r") != std::string::npos)) {
    out << YAML::DoubleQuoted << value.as_string();
    return;
  }
  // to_yaml() already quotes what must be quoted; the emitter must not quote again.
  const std::string text = value.to_yaml();
  if (value.kind() == Value::Kind::String && !text.empty() && text.front() == '\'')
    out << YAML::SingleQuoted << value.as_string();
  else
    out << text;
}

void emit_node(YAML::Emitter& out, const RecipeNode& node) {
  if (!node.is_map) {
    emit_value(out, node.value);
    return;
  }
  out << YAML::BeginMap;
  for (const auto& [key, child] : node.children) {
    // YAML limits a simple (implicit) key to 1024 characters as written, escapes included;
    // a longer key must be explicit ("? key") or the emitted file does not parse back (found
    // by fuzz_recipe_yaml). Real recipe keys are far below 100 characters.
    if (key.size() > 100) out << YAML::LongKey;
    out << YAML::Key << key << YAML::Value;
    emit_node(out, child);
  }
  out << YAML::EndMap;
}

}  // namespace

const RecipeNode* RecipeNode::find(const std::string& key) const {
  for (const auto& [k, child] : children)
    if (k == key) return &child;
  return nullptr;
}
RecipeNode* RecipeNode::find(const std::string& key) {
  for (auto& [k, child] : children)
    if (k == key) return &child;
  return nullptr;
}

RecipeNode parse_recipe_yaml(const std::string& text, const std::string& what) {
  require_printable_unicode(text, what);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ValueError("Failed to parse recipe " + what + ": " + e.what());
  }
  if (!root.IsMap()) throw ValueError("Failed to parse recipe " + what + ": the top level must be a mapping of sections (run:, training_config:, ...)");
  Budget budget{what};
  return convert(root, budget, 0);
}

std::string emit_recipe_yaml(const RecipeNode& root) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  out.SetMapFormat(YAML::Block);
  out.SetNullFormat(YAML::LowerNull);
  emit_node(out, root);
  return std::string(out.c_str()) + "\n";
}

void for_each_leaf(RecipeNode& node, const std::function<void(const std::string&, const std::string&, RecipeNode&)>& fn,
                   const std::string& prefix) {
  for (auto& [key, child] : node.children) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (child.is_map) for_each_leaf(child, fn, path);
    else fn(key, path, child);
  }
}

void for_each_leaf(const RecipeNode& node,
                   const std::function<void(const std::string&, const std::string&, const RecipeNode&)>& fn,
                   const std::string& prefix) {
  for (const auto& [key, child] : node.children) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (child.is_map) for_each_leaf(child, fn, path);
    else fn(key, path, child);
  }
}

std::optional<std::string> placeholder_of(const Value& value) {
  if (value.kind() != Value::Kind::String) return std::nullopt;
  static const std::regex re(R"(^\{\{\s*([A-Za-z0-9_]+)\s*\}\}$)");
  std::smatch m;
  if (!std::regex_match(value.as_string(), m, re)) return std::nullopt;
  return m[1].str();
}

}  // namespace nova::recipes
