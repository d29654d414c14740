#include "aws/s3/s3_uri.hpp"

#include "nova/error.hpp"

namespace nova::aws {

bool is_s3_uri(std::string_view text) { return text.substr(0, 5) == "s3://"; }

std::optional<S3Uri> try_parse_s3_uri(std::string_view text) {
  if (!is_s3_uri(text)) return std::nullopt;
  const std::string_view rest = text.substr(5);
  const auto slash = rest.find('/');
  S3Uri uri{std::string(rest.substr(0, slash)), slash == std::string_view::npos ? "" : std::string(rest.substr(slash + 1))};
  if (uri.bucket.empty()) return std::nullopt;
  return uri;
}

S3Uri parse_s3_uri(std::string_view text) {
  auto uri = try_parse_s3_uri(text);
  if (!uri) throw ValueError("'" + std::string(text) + "' is not an S3 URI (expected s3://bucket[/key])");
  return *uri;
}

}  // namespace nova::aws
