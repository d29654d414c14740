#pragma once
// s3://bucket/key URIs. One parser for every layer that takes S3 paths from users.

#include <optional>
#include <string>
#include <string_view>

namespace nova::aws {

struct S3Uri {
  std::string bucket;
  std::string key;  // may be empty ("s3://bucket" or "s3://bucket/")

  std::string str() const { return "s3://" + bucket + (key.empty() ? "" : "/" + key); }
};

bool is_s3_uri(std::string_view text);

// Empty when `text` is not "s3://<bucket>[/<key>]" with a non-empty bucket.
std::optional<S3Uri> try_parse_s3_uri(std::string_view text);

// @throws nova::ValueError naming the text and the expected form.
S3Uri parse_s3_uri(std::string_view text);

}  // namespace nova::aws
