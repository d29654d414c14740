#include "dataset/validate/python_text.hpp"

namespace nova::dataset::python_text {

namespace {

constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

constexpr std::string_view kKelvinSign = "\xE2\x84\xAA";

bool is_ascii_space(unsigned char c) noexcept { return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20); }

}  // namespace

char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(k < s.size() ? s[k] : 0); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  const auto tail = [&](std::size_t k) { return static_cast<char32_t>(byte(i + k) & 0x3F); };
  char32_t c;
  std::size_t length;
  if (lead >= 0xF0) {
    c = (static_cast<char32_t>(lead & 0x07) << 18) | (tail(1) << 12) | (tail(2) << 6) | tail(3);
    length = 4;
  } else if (lead >= 0xE0) {
    c = (static_cast<char32_t>(lead & 0x0F) << 12) | (tail(1) << 6) | tail(2);
    length = 3;
  } else {
    c = (static_cast<char32_t>(lead & 0x1F) << 6) | tail(1);
    length = 2;
  }
  i += length;
  return c;
}

bool is_space_code_point(char32_t c) noexcept {
  if (c < 0x80) return is_ascii_space(static_cast<unsigned char>(c));
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_blank(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if (!is_ascii_space(byte)) return false;
      ++i;
    } else if (!is_space_code_point(next_code_point(s, i))) {
      return false;
    }
  }
  return true;
}

bool lower_equals(std::string_view s, std::string_view target) noexcept {
  std::size_t i = 0;
  for (const char expected : target) {
    if (i >= s.size()) return false;
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if (ascii_lower(s[i]) != expected) return false;
      ++i;
    } else if (expected == 'k' && s.substr(i, kKelvinSign.size()) == kKelvinSign) {
      i += kKelvinSign.size();
    } else {
      return false;
    }
  }
  return i == s.size();
}

bool contains_lowered(std::string_view s, std::string_view needle) noexcept {
  if (needle.empty()) return true;
  if (s.size() < needle.size()) return false;
  const char first = needle.front();
  const char first_upper = first >= 'a' && first <= 'z' ? static_cast<char>(first - ('a' - 'A')) : first;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (s[i] != first && s[i] != first_upper) continue;
    std::size_t k = 1;
    while (k < needle.size() && ascii_lower(s[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

bool is_path_of_word_characters(std::string_view s) noexcept {
  if (s.empty()) return false;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '-' || c == '/' || c == '.') {
      ++i;
      continue;
    }
    if (!is_word_code_point(next_code_point(s, i))) return false;
  }
  return true;
}

}  // namespace nova::dataset::python_text
