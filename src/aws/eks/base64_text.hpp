#pragma once
// Base64 both ways for the EKS layer: the token's URL-safe unpadded form and the standard
// form of certificateAuthority.data.

#include <optional>
#include <string>
#include <string_view>

namespace nova::aws::eks {

// RFC 4648 §5 alphabet ('-', '_'), trailing '=' removed.
std::string base64url_unpadded(std::string_view bytes);
// Standard alphabet, padding optional, whitespace ignored; std::nullopt when malformed.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace nova::aws::eks
