#pragma once
// The reference's check of a media `s3Location.uri`.

#include <string_view>

namespace nova::dataset {

enum class S3UriProblem {
  kNone,
  kScheme,      // does not start with "s3://"
  kCharacters,  // something other than Unicode letters, digits, '_', '-', '/', '.'
};

// Mirrors `uri.startswith("s3://")` then `re.match(r"^[\w\-/\.]+$", uri.replace("s3://", ""))`.
// Two quirks follow from that and are kept so the same URIs pass: every "s3://" is removed,
// not only the scheme, and one trailing "\n" passes (`$` matches before it).
S3UriProblem check_s3_uri(std::string_view uri);

}  // namespace nova::dataset
