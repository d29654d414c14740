#include "recipes/closest_keys.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace nova::recipes {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> closest_keys(const std::string& key, const std::vector<std::string>& candidates, std::size_t limit) {
  std::vector<std::tuple<std::size_t, std::string>> scored;
  for (const auto& c : std::set<std::string>(candidates.begin(), candidates.end())) {
    std::size_t d = edit_distance(key, c);
    if (c.find(key) != std::string::npos || key.find(c) != std::string::npos) d = std::min<std::size_t>(d, 1);
    // Far-off names are noise, not suggestions.
    if (d <= std::max<std::size_t>(2, key.size() / 2)) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, c] : scored) {
    if (out.size() == limit) break;
    out.push_back(c);
  }
  return out;
}

}  // namespace nova::recipes
