#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <span>

#include "dataset/validate/converse_blocks.hpp"
#include "dataset/validate/python_text.hpp"
#include "dataset/validate/s3_uri.hpp"

namespace nova::dataset {

namespace {

bool is_one_of(std::string_view format, std::span<const std::string_view> formats) {
  return std::any_of(formats.begin(), formats.end(),
                     [&](std::string_view allowed) { return python_text::lower_equals(format, allowed); });
}

// Images and videos: the format must be one the model lists.
void check_listed_format(std::string_view format, std::string_view kind, std::string_view rule,
                         std::span<const std::string_view> formats, std::string_view formats_text,
                         std::string_view extra_hint, const FieldPath& path, ContentScope& scope) {
  if (is_one_of(format, formats)) return;
  scope.issues.add(
      path, rule, [&] { return fmt::format("Invalid {} format, supported formats are {}", kind, formats_text); },
      [&] { return fmt::format("use one of {}{}", formats_text, extra_hint); });
}

void check_format(BlockKind kind, std::string_view format, const FieldPath& path, ContentScope& scope) {
  const ConverseModel& model = scope.model;
  if (kind == BlockKind::kImage) {
    check_listed_format(format, "image", "sft.image.format", model.image_formats, model.image_formats_text,
                        " (\"jpg\" is spelled \"jpeg\")", path, scope);
  } else if (kind == BlockKind::kVideo) {
    check_listed_format(format, "video", "sft.video.format", model.video_formats, model.video_formats_text, "", path,
                        scope);
  } else if (!model.nova2) {
    scope.issues.add(path, "sft.document.model", "Doc usage is only supported for Nova 2.0.",
                     "remove document blocks, or train NOVA_LITE_2");
  } else if (!python_text::lower_equals(format, "pdf")) {
    scope.issues.add(path, "sft.document.format", "Invalid doc format, supported formats are ['pdf']",
                     "documents must be PDF files with format \"pdf\"");
  }
}

void check_s3_location(simdjson::dom::object location, const FieldPath& path, ContentScope& scope) {
  static constexpr std::array<std::string_view, 2> kNames{"uri", "bucketOwner"};
  const auto fields = pick_fields(location, kNames);
  const FieldPath uri_path = path.key("uri");
  std::string_view uri;
  if (read_string(fields[0], Presence::kRequired, uri_path, scope.issues, uri)) {
    switch (check_s3_uri(uri)) {
      case S3UriProblem::kNone:
        break;
      case S3UriProblem::kScheme:
        scope.issues.add(uri_path, "sft.s3_uri.scheme", "Invalid S3 URI, must start with 's3://'",
                         "write the location as s3://bucket/key");
        break;
      case S3UriProblem::kCharacters:
        scope.issues.add(uri_path, "sft.s3_uri.characters",
                         "Invalid characters in 'uri'. Only alphanumeric, underscores, hyphens, slashes, and dots "
                         "are allowed",
                         "rename the S3 object so its key has no spaces, '+', '%', '=', ':' or '?'");
        break;
    }
  }
  // Choice: bucketOwner is required (any string), as in the reference, although the Converse
  // request schema makes it optional.
  const FieldPath owner_path = path.key("bucketOwner");
  std::string_view owner;
  read_string(fields[1], Presence::kRequired, owner_path, scope.issues, owner);
}

}  // namespace

void check_media_block(BlockKind kind, const Field& value, const FieldPath& path, ContentScope& scope) {
  static constexpr std::array<std::string_view, 2> kMediaNames{"format", "source"};
  static constexpr std::array<std::string_view, 1> kSourceNames{"s3Location"};
  simdjson::dom::object media;
  if (!read_object(value, Presence::kRequired, path, scope.issues, media)) return;
  const auto fields = pick_fields(media, kMediaNames);
  const FieldPath format_path = path.key("format");
  std::string_view format;
  if (read_string(fields[0], Presence::kRequired, format_path, scope.issues, format)) {
    check_format(kind, format, format_path, scope);
  }
  const FieldPath source_path = path.key("source");
  simdjson::dom::object source;
  if (!read_object(fields[1], Presence::kRequired, source_path, scope.issues, source)) return;
  const FieldPath location_path = source_path.key("s3Location");
  simdjson::dom::object location;
  if (read_object(pick_fields(source, kSourceNames)[0], Presence::kRequired, location_path, scope.issues, location)) {
    check_s3_location(location, location_path, scope);
  }
}

}  // namespace nova::dataset
