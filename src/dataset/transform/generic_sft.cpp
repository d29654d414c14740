// Generic columns -> Bedrock Converse for SFT (Nova 1 and Nova 2).
//
// Output, in the reference's key order:
//   {"schemaVersion": ..., "system": [{"text": ...}], "messages": [user, assistant]}
// The user turn holds at most one media block (video wins over image), always before the
// question text; on Nova 2 the assistant turn starts with the reasoning text when there is one.

#include <fmt/format.h>

#include <string>

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transform_support.hpp"

namespace nova::dataset {
namespace {

using namespace transform_detail;

class GenericSftTransformer final : public GenericTransformer {
 public:
  GenericSftTransformer(const ColumnMappings& mappings, bool nova2)
      : nova2_(nova2),
        question_(resolve_column(mappings, "question")),
        answer_(resolve_column(mappings, "answer")),
        system_(resolve_column(mappings, "system")),
        image_format_(resolve_column(mappings, "image_format")),
        video_format_(resolve_column(mappings, "video_format")),
        s3_uri_(resolve_column(mappings, "s3_uri")),
        bucket_owner_(resolve_column(mappings, "bucket_owner")),
        reasoning_text_(resolve_column(mappings, "reasoning_text")) {}

  void transform(element record, const RecordRef& ref, PythonJsonWriter& out) const override {
    element question, answer;
    const object rec = require_columns(record, ref, "SFT", {{question_, question}, {answer_, answer}});

    element system;
    const bool has_system = system_.find_optional(rec, system);

    std::string_view media_kind;
    element format, uri, owner;
    if (video_format_.find_optional(rec, format)) {
      // A video always needs both location values; an unmapped column counts as missing.
      media_kind = "video";
      if (!media_location(rec, uri, owner)) throw_missing_location(rec, ref, "a video");
    } else if (image_format_.find_optional(rec, format) && s3_uri_.usable() && bucket_owner_.usable()) {
      // An image whose location columns are not both mapped is dropped, as in the reference.
      media_kind = "image";
      if (!media_location(rec, uri, owner)) throw_missing_location(rec, ref, "an image");
    }

    out.begin_object();
    out.field("schemaVersion", kConverseSchemaVersion);
    write_system(out, has_system ? &system : nullptr, kDefaultSftSystemPrompt);
    out.key("messages");
    out.begin_array();

    begin_message(out, "user");
    if (!media_kind.empty()) write_media_block(out, media_kind, format, uri, owner);
    write_text_block(out, question);
    end_message(out);

    begin_message(out, "assistant");
    element reasoning;
    if (nova2_ && reasoning_text_.find_optional(rec, reasoning) && truthy(reasoning)) {
      write_reasoning_block(out, reasoning);
    }
    write_text_block(out, answer);
    end_message(out);

    out.end_array();
    out.end_object();
  }

 private:
  // Both location values present and truthy (a CSV's empty cell is not a location).
  bool media_location(object rec, element& uri, element& owner) const noexcept {
    return s3_uri_.find_optional(rec, uri) && truthy(uri) && bucket_owner_.find_optional(rec, owner) && truthy(owner);
  }

  // The reference's message, then what exactly is wrong with each location column.
  [[noreturn]] void throw_missing_location(object rec, const RecordRef& ref, std::string_view what) const {
    std::string detail =
        fmt::format("Tried to add {} record, but required column(s) are missing: s3_uri and/or bucket_owner (", what);
    bool first = true;
    for (const Column* c : {&s3_uri_, &bucket_owner_}) {
      element value;
      std::string state;
      if (!c->usable()) {
        state = "no column mapping";
      } else if (!find_field(rec, c->name, value)) {
        state = fmt::format("column '{}' not found", c->name);
      } else if (!truthy(value)) {
        state = fmt::format("column '{}' is empty", c->name);
      } else {
        continue;
      }
      detail += fmt::format("{}{}: {}", first ? "" : "; ", c->standard, state);
      first = false;
    }
    detail += ")";
    throw_generic_error(ref, detail);
  }

  bool nova2_;
  Column question_, answer_, system_, image_format_, video_format_, s3_uri_, bucket_owner_, reasoning_text_;
};

}  // namespace

std::unique_ptr<RecordTransformer> make_generic_sft_transformer(const ColumnMappings& mappings, bool nova2) {
  return std::make_unique<GenericSftTransformer>(mappings, nova2);
}

}  // namespace nova::dataset
