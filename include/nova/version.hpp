#pragma once
#include <string_view>

namespace nova {
/// The SDK's semantic version (one number, set in the top-level CMakeLists.txt).
std::string_view version() noexcept;
}  // namespace nova
