#pragma once
// Names that must be unique within a record (tool names, toolUse ids), found without a hash set
// per record.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "dataset/validate/json_fields.hpp"

namespace nova::dataset {

// Calls `on_repeat(i)` for every `names[i]` equal to an earlier name, in index order within
// each name. `order` is scratch space the caller reuses across records.
template <class OnRepeat>
void for_each_repeated_name(std::span<const std::string_view> names, std::vector<std::uint32_t>& order,
                            OnRepeat&& on_repeat) {
  constexpr std::size_t kQuadraticUpTo = 16;  // typical tool lists: comparing all pairs is cheapest
  if (names.size() <= kQuadraticUpTo) {
    for (std::size_t i = 1; i < names.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (names[i] == names[j]) {
          on_repeat(i);
          break;
        }
      }
    }
    return;
  }
  order.resize(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  // Ties broken by index rather than std::stable_sort, which allocates a buffer on every call.
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b] || (names[a] == names[b] && a < b); });
  for (std::size_t k = 1; k < order.size(); ++k) {
    if (names[order[k]] == names[order[k - 1]]) on_repeat(std::size_t{order[k]});
  }
}

// Names read from the items of a list (tool names), each with the index of its item. Kept by
// a validator and reused, so checking a record does not allocate once warmed up.
class NamedItems {
 public:
  void clear() noexcept {
    names_.clear();
    items_.clear();
  }
  void add(std::string_view name, std::size_t item) {
    names_.push_back(name);
    items_.push_back(static_cast<std::uint32_t>(item));
  }
  std::span<const std::string_view> names() const noexcept { return names_; }

  // Calls `on_repeat(item)` for every item whose name an earlier item already has.
  template <class OnRepeat>
  void for_each_repeat(OnRepeat&& on_repeat) {
    for_each_repeated_name(names_, order_, [&](std::size_t i) { on_repeat(std::size_t{items_[i]}); });
  }

 private:
  std::vector<std::string_view> names_;
  std::vector<std::uint32_t> items_;
  std::vector<std::uint32_t> order_;
};

// A tool's "name" and "description" (SFT toolSpec, RFT function): both non-blank strings; a
// usable name is added to `names` for the duplicate check.
struct ToolTextRules {
  BlankRule name;
  BlankRule description;
};
void check_tool_name_and_description(simdjson::dom::object tool, const FieldPath& path, std::size_t item,
                                     const ToolTextRules& rules, NamedItems& names, IssueReporter& issues);

}  // namespace nova::dataset
