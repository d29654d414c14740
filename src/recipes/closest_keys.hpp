#pragma once
// "Did you mean" suggestions for an unknown override key.

#include <string>
#include <vector>

namespace nova::recipes {

// Levenshtein distance (insert, delete, substitute: cost 1).
std::size_t edit_distance(const std::string& a, const std::string& b);

// Up to `limit` of `candidates` nearest to `key`, nearest first (ties in name order);
// candidates containing `key` (or contained in it) count as near.
std::vector<std::string> closest_keys(const std::string& key, const std::vector<std::string>& candidates, std::size_t limit = 3);

}  // namespace nova::recipes
