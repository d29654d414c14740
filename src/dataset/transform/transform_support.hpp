#pragma once
// Pieces every converter shares: reading the simdjson DOM with Python's notion of
// truthiness, resolving column mappings, writing Converse blocks, and the DataPrepError
// a record that cannot be converted turns into.
//
// Everything on the happy path is error-code based and allocation free; only the error
// paths build strings.

#include <simdjson.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "dataset/json/python_json_writer.hpp"
#include "dataset/record.hpp"
#include "dataset/transform/transformer.hpp"
#include "nova/dataset.hpp"

namespace nova::dataset::transform_detail {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// ---- DOM access ------------------------------------------------------------------

inline bool find_field(object obj, std::string_view key, element& out) noexcept {
  return obj.at_key(key).get(out) == simdjson::SUCCESS;
}
inline bool get_object(element e, object& out) noexcept { return e.get_object().get(out) == simdjson::SUCCESS; }
inline bool get_array(element e, array& out) noexcept { return e.get_array().get(out) == simdjson::SUCCESS; }
inline bool get_string(element e, std::string_view& out) noexcept {
  return e.get_string().get(out) == simdjson::SUCCESS;
}
inline bool string_equals(element e, std::string_view expected) noexcept {
  std::string_view s;
  return get_string(e, s) && s == expected;
}

// Python's bool(value) for the value json.loads would produce.
bool truthy(element e) noexcept;
// "object", "array", "string", "number", "boolean", "null": for messages.
std::string_view json_type_name(element e) noexcept;

// Writes obj[key] when `obj` is given and has the key (Python's `d.get(key, default)`
// without the default: returns false so the caller writes its own).
bool write_field_if_present(PythonJsonWriter& out, const object* obj, std::string_view key);

// ---- Column mappings -------------------------------------------------------------

// One standard name (`question`) and the user's column for it.
struct Column {
  std::string_view standard;
  std::string name;
  bool mapped{false};

  // Optional columns are used when mapped to a non-empty name and present in the
  // record, as the reference's `col and col in rec` does.
  bool find_optional(object rec, element& out) const noexcept {
    return mapped && !name.empty() && find_field(rec, name, out);
  }
  bool usable() const noexcept { return mapped && !name.empty(); }
};

Column resolve_column(const ColumnMappings& mappings, std::string_view standard);

struct Required {
  const Column& column;
  element& value;
};

// The record as an object of columns, with every required column looked up. Throws a
// DataPrepError when the record is not an object, or naming each required column that is
// unmapped or absent.
object require_columns(element record, const RecordRef& ref, std::string_view needed_for,
                       std::initializer_list<Required> columns);

// Base of the converters that read flat columns through the user's mappings.
class GenericTransformer : public RecordTransformer {
 public:
  std::string_view source_format() const override { return "generic"; }
};

// ---- Errors ----------------------------------------------------------------------

inline constexpr std::string_view kMappingHint =
    "Make sure to add the correct column mappings when initializing DatasetLoader.";

// "<file>:<line>: record <i>: Error transforming dataset using generic format: <detail>\n<hint>"
[[noreturn]] void throw_generic_error(const RecordRef& ref, std::string_view detail);
// "<file>:<line>: record <i>: Error transforming dataset from detected format: <detail>"
[[noreturn]] void throw_detected_error(const RecordRef& ref, std::string_view detail);

// ---- Converse output -------------------------------------------------------------

inline constexpr std::string_view kConverseSchemaVersion = "bedrock-conversation-2024";
inline constexpr std::string_view kDefaultSftSystemPrompt =
    "You are a helpful assistant who answers the question based on the task assigned";
inline constexpr std::string_view kDefaultRftSystemPrompt = "You are a helpful AI assistant.";

// {"role": <role>, "content": [   ...   ]}
void begin_message(PythonJsonWriter& out, std::string_view role);
void end_message(PythonJsonWriter& out);
// {"text": <value>}
void write_text_block(PythonJsonWriter& out, element text);
// {"reasoningContent": {"reasoningText": {"text": <value>}}}
void write_reasoning_block(PythonJsonWriter& out, element text);
// {<kind>: {"format": f, "source": {"s3Location": {"uri": u, "bucketOwner": o}}}}
void write_media_block(PythonJsonWriter& out, std::string_view kind, element format, element uri, element bucket_owner);
// "system": [{"text": *text}], or [{"text": default_text}] when `text` is nullptr
void write_system(PythonJsonWriter& out, const element* text, std::string_view default_text);

}  // namespace nova::dataset::transform_detail
