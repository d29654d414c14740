#pragma once
// Small text helpers shared by every layer.

#include <string>
#include <string_view>

namespace nova::core {

// ASCII lower-case copy.
std::string ascii_lower(std::string_view s);
// Case-insensitive comparison where '-' and '_' are the same character (enum names).
bool equals_name(std::string_view a, std::string_view b);
bool ends_with_icase(std::string_view s, std::string_view suffix);
// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

}  // namespace nova::core
