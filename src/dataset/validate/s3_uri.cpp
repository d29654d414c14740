#include "dataset/validate/s3_uri.hpp"

#include <string>

#include "dataset/validate/python_text.hpp"

namespace nova::dataset {

namespace {
constexpr std::string_view kScheme = "s3://";
}  // namespace

S3UriProblem check_s3_uri(std::string_view uri) {
  if (!uri.starts_with(kScheme)) return S3UriProblem::kScheme;
  std::string_view rest = uri.substr(kScheme.size());
  std::string without_schemes;  // only built for the odd URI that repeats "s3://"
  if (rest.find(kScheme) != std::string_view::npos) {
    for (std::size_t at = 0;;) {
      const std::size_t next = rest.find(kScheme, at);
      without_schemes.append(rest.substr(at, next - at));
      if (next == std::string_view::npos) break;
      at = next + kScheme.size();
    }
    rest = without_schemes;
  }
  return python_text::is_path_of_word_characters(rest) ? S3UriProblem::kNone : S3UriProblem::kCharacters;
}

}  // namespace nova::dataset
