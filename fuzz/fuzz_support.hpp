#pragma once
// What every fuzz target shares: the input as text, and the rule that the SDK's own errors
// (nova::Error and its kinds) are the only acceptable way to refuse input. Anything else
// escaping (std::out_of_range, nlohmann::json::type_error, ...) aborts and is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "nova/error.hpp"

namespace nova::fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `fn`; a nova::Error is a clear refusal, so it is swallowed.
template <typename Fn>
void refusing(Fn&& fn) {
  try {
    fn();
  } catch (const nova::Error&) {
  }
}

// The first byte picks a variant, the rest is the input.
struct Split {
  std::uint8_t selector{0};
  std::string rest;
};
inline Split split_selector(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return {};
  return {data[0], text_of(data + 1, size - 1)};
}

}  // namespace nova::fuzz
