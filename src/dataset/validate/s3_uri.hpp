#pragma once
// The reference's check of a media `s3Location.uri`.

#include <string_view>

namespace nova::dataset {

enum class S3UriProblem {
  kNone,
  kScheme,      // does not start with "s3://"
  kCharacters,  // after "s3://": empty, or something other than Unicode letters, digits, '_', '-', '/', '.'
};

S3UriProblem check_s3_uri(std::string_view uri) noexcept;

}  // namespace nova::dataset
