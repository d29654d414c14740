#pragma once
// --platform smtj|smhp (any case) as nova::Platform.

#include <string>

#include "nova/enums.hpp"

namespace nova::cli {

// Throws CLI::ValidationError naming the valid platforms.
Platform parse_platform_option(const std::string& text);

}  // namespace nova::cli
