#pragma once
// Finding names that repeat (tool names, toolUse ids) without a hash set per record.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

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

}  // namespace nova::dataset
