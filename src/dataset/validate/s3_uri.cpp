#include "dataset/validate/s3_uri.hpp"

#include "dataset/validate/python_text.hpp"

namespace nova::dataset {

namespace {
constexpr std::string_view kScheme = "s3://";
}  // namespace

S3UriProblem check_s3_uri(std::string_view uri) noexcept {
  if (!uri.starts_with(kScheme)) return S3UriProblem::kScheme;
  // Reference bug, fixed: it checks `re.match(r"^[\w\-/\.]+$", uri.replace("s3://", ""))`, which
  // removes every "s3://" (so "s3://b/s3://k" passes with a ':' in its key) and whose `$` also
  // matches before a final newline (so "s3://b/k\n" passes). Both break the rule's own message;
  // here only the text after the scheme is checked, character by character.
  return python_text::is_path_of_word_characters(uri.substr(kScheme.size())) ? S3UriProblem::kNone
                                                                               : S3UriProblem::kCharacters;
}

}  // namespace nova::dataset
