#pragma once
// The few Python `str` operations the reference validators apply to JSON strings, reproduced
// on UTF-8 without allocating: `strip()` emptiness, `lower()` comparison, case-insensitive
// substring search, and the `\w` class of `re`. Inputs are valid UTF-8 (simdjson checks it).

#include <cstddef>
#include <string_view>

namespace nova::dataset::python_text {

// Decodes the code point starting at `s[i]` and advances `i` past it.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

// Python's `str.isspace()` for one code point.
bool is_space_code_point(char32_t c) noexcept;

// Python's `re` `\w` for str patterns (Unicode letters, numbers and '_').
bool is_word_code_point(char32_t c) noexcept;

// True when Python's `s.strip()` is empty (only Unicode whitespace, or nothing).
bool is_blank(std::string_view s) noexcept;

// Python's `s.lower() == target` for an all-lower-case ASCII `target`. Only two non-ASCII
// characters lower-case to ASCII: KELVIN SIGN becomes "k" (so "M\u212AV" is "mkv"), and
// "\u0130" becomes "i\u0307", which never equals an ASCII string.
bool lower_equals(std::string_view s, std::string_view target) noexcept;

// Python's `needle in s.lower()` for an all-lower-case ASCII `needle` that holds no 'k' and does
// not end in 'i' (see lower_equals: then only ASCII letters can take part in a match).
bool contains_lowered(std::string_view s, std::string_view needle) noexcept;

// One or more `\w` characters, '-', '/' or '.' (the reference's S3 key rule).
bool is_path_of_word_characters(std::string_view s) noexcept;

// Checks, at compile time, that a needle suits contains_lowered.
constexpr bool is_lowered_needle(std::string_view needle) {
  if (needle.empty() || needle.back() == 'i') return false;
  for (const char c : needle) {
    if (c == 'k' || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace nova::dataset::python_text
