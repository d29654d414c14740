#include "dataset/validate/reserved_keywords.hpp"

#include <array>
#include <cstring>
#include <fmt/format.h>

#include "dataset/validate/python_text.hpp"

namespace nova::dataset {

namespace {

struct Keyword {
  std::string_view text;     // as the reference lists it
  std::string_view lowered;  // what is searched for
  char anchor;               // a punctuation character of the keyword, rare in prose
  std::size_t anchor_at;     // its offset in the keyword
};

// Choice: the reference's list, without "System:" although the Bedrock data-prep guide reserves
// it too; adding it would reject records the reference accepts.
constexpr std::array<Keyword, 6> kKeywords{{
    {"Bot:", "bot:", ':', 3},
    {"<image>", "<image>", '<', 0},
    {"<video>", "<video>", '<', 0},
    {"[EOS]", "[eos]", '[', 0},
    {"Assistant:", "assistant:", ':', 9},
    {"User:", "user:", ':', 4},
}};

constexpr bool keywords_suit_lowered_search() {
  for (const auto& k : kKeywords) {
    if (!python_text::is_lowered_needle(k.lowered) || k.lowered[k.anchor_at] != k.anchor) return false;
  }
  return true;
}
static_assert(keywords_suit_lowered_search());

bool matches_at(std::string_view text, std::size_t start, std::string_view lowered) noexcept {
  if (start + lowered.size() > text.size()) return false;
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    char c = text[start + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (c != lowered[i]) return false;
  }
  return true;
}

}  // namespace

KeywordSet find_reserved_keywords(std::string_view text) noexcept {
  // Scanning for the three anchor characters with memchr keeps ordinary prose cheap: a keyword
  // is compared only where its punctuation occurs.
  KeywordSet found = 0;
  for (const char anchor : {':', '<', '['}) {
    const char* const begin = text.data();
    const char* p = begin;
    const char* const end = begin + text.size();
    while (p < end) {
      const void* hit = std::memchr(p, anchor, static_cast<std::size_t>(end - p));
      if (hit == nullptr) break;
      const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - begin);
      for (std::size_t k = 0; k < kKeywords.size(); ++k) {
        const auto& keyword = kKeywords[k];
        if (keyword.anchor != anchor || at < keyword.anchor_at) continue;
        if (matches_at(text, at - keyword.anchor_at, keyword.lowered)) found |= KeywordSet{1} << k;
      }
      p = static_cast<const char*>(hit) + 1;
    }
  }
  return found;
}

std::string describe_keywords(KeywordSet found) {
  std::string out;
  for (std::size_t k = 0; k < kKeywords.size(); ++k) {
    if ((found & (KeywordSet{1} << k)) == 0) continue;
    if (!out.empty()) out += ", ";
    out += kKeywords[k].text;
  }
  return out;
}

void check_reserved_keywords(std::string_view text, const FieldPath& path, std::string_view rule,
                             std::string_view subject, IssueReporter& issues) {
  const KeywordSet found = find_reserved_keywords(text);
  if (found == 0) return;
  issues.add(
      path, rule,
      [&] { return fmt::format("{}, please do not use these keywords: {}", subject, describe_keywords(found)); },
      [&] {
        return fmt::format("reword the text so it does not contain {} (any letter case)", describe_keywords(found));
      });
}

}  // namespace nova::dataset
