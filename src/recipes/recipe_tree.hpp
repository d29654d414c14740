#pragma once
// A recipe as an ordered tree: maps keep the key order of the template, leaves hold a
// nova::Value (a list is one leaf). Parsing and emitting live here so the rest of the
// recipe engine never sees yaml-cpp.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nova/value.hpp"

namespace nova::recipes {

struct RecipeMapEntry;

struct RecipeNode {
  bool is_map{false};
  Value value;                        // leaves
  std::vector<RecipeMapEntry> children;  // maps, in order

  const RecipeNode* find(const std::string& key) const;
  RecipeNode* find(const std::string& key);
};

// One key of a map. A struct, not std::pair: a pair of an incomplete RecipeNode is
// ill-formed, which clang (the fuzz build) rejects.
struct RecipeMapEntry {
  std::string first;
  RecipeNode second;
};

// @throws ValueError naming `what` (a file or URI) when the text is not YAML or its top
// level is not a mapping.
RecipeNode parse_recipe_yaml(const std::string& text, const std::string& what);

// Block-style YAML in the tree's key order; the same tree always gives the same bytes.
std::string emit_recipe_yaml(const RecipeNode& root);

// Every leaf, depth first, with its key (the last path element) and dotted path.
void for_each_leaf(RecipeNode& node, const std::function<void(const std::string& key, const std::string& path, RecipeNode& leaf)>& fn,
                   const std::string& prefix = {});
void for_each_leaf(const RecipeNode& node,
                   const std::function<void(const std::string& key, const std::string& path, const RecipeNode& leaf)>& fn,
                   const std::string& prefix = {});

// The parameter name of a `'{{param}}'` leaf.
std::optional<std::string> placeholder_of(const Value& value);

}  // namespace nova::recipes
