#pragma once
// Kubernetes manifests <-> JSON objects. The API server takes JSON; templates, goldens and
// `--dry-run` are YAML. Scalars keep their YAML types (a quoted "8" stays a string).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace nova::runtime {

// Every non-empty document of a multi-document YAML text, in order. The text is bounded
// (4 MiB, 1000 documents, 50000 values after aliases, 16 MiB of expanded text, 64 levels):
// a hub payload template comes from a service.
// @throws ValueError naming `what` and the line of a syntax error, of a key that is not text,
// of text that is not UTF-8, of a number too large, or the budget passed.
std::vector<nlohmann::ordered_json> parse_manifests(const std::string& text, const std::string& what);

// Documents joined by "---"; multi-line strings as literal blocks (`|-`), other strings
// quoted whenever YAML would read them as something else.
std::string manifests_yaml(const std::vector<nlohmann::ordered_json>& objects);

}  // namespace nova::runtime
