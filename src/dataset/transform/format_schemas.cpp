// Hand-written matchers for the reference's transform-time JSON schemas. They answer
// "would jsonschema.validate() accept this record?" without a schema engine: one walk
// over the DOM, no allocation, early exit on the first mismatch.
//
// Each object schema is a list of Field rules read like the JSON Schema it mirrors:
// `properties` constrain a key only when it is present, `required` keys must be present,
// and unless the object is open (`additionalProperties` not false) any other key fails.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transform_support.hpp"

namespace nova::dataset {
namespace {

using namespace transform_detail;

using Check = bool (*)(element);

struct Field {
  std::string_view key;
  Check check;
  bool required;
};

enum class Others { kRejected, kAllowed };

// At most 32 rules per object, far more than any schema here has.
bool matches_object(element e, std::initializer_list<Field> fields, Others others = Others::kRejected) {
  object o;
  if (!get_object(e, o)) return false;
  std::uint32_t seen = 0;
  for (auto f : o) {
    std::uint32_t bit = 1;
    bool known = false;
    for (const Field& rule : fields) {
      if (rule.key == f.key) {
        if (!rule.check(f.value)) return false;
        seen |= bit;
        known = true;
        break;
      }
      bit <<= 1;
    }
    if (!known && others == Others::kRejected) return false;
  }
  std::uint32_t bit = 1;
  for (const Field& rule : fields) {
    if (rule.required && !(seen & bit)) return false;
    bit <<= 1;
  }
  return true;
}

template <Check Item, std::size_t MinItems = 0, std::size_t MaxItems = SIZE_MAX>
bool is_array_of(element e) {
  array a;
  if (!get_array(e, a)) return false;
  std::size_t n = 0;
  for (element x : a) {
    if (!Item(x)) return false;
    ++n;
  }
  return n >= MinItems && n <= MaxItems;
}

bool is_one_of(element e, std::initializer_list<std::string_view> names) {
  std::string_view s;
  if (!get_string(e, s)) return false;
  for (std::string_view name : names) {
    if (s == name) return true;
  }
  return false;
}

bool is_string_value(element e) { return e.type() == element_type::STRING; }
bool is_object_value(element e) { return e.type() == element_type::OBJECT; }
bool is_string_or_null(element e) { return is_string_value(e) || e.type() == element_type::NULL_VALUE; }

// {"text": string}
bool is_text_object(element e) { return matches_object(e, {{"text", is_string_value, true}}); }

// ---- Converse (SFT) -------------------------------------------------------------------

bool is_s3_location(element e) {
  return matches_object(e, {{"uri", is_string_value, true}, {"bucketOwner", is_string_value, true}});
}
bool is_media_source(element e) { return matches_object(e, {{"s3Location", is_s3_location, true}}); }
bool is_image_format(element e) { return is_one_of(e, {"png", "jpg", "jpeg"}); }
bool is_video_format(element e) { return is_one_of(e, {"mp4", "mov", "avi"}); }
bool is_image(element e) {
  return matches_object(e, {{"format", is_image_format, true}, {"source", is_media_source, true}});
}
bool is_video(element e) {
  return matches_object(e, {{"format", is_video_format, true}, {"source", is_media_source, true}});
}
bool is_reasoning_content(element e) { return matches_object(e, {{"reasoningText", is_text_object, true}}); }
bool is_tool_use(element e) {
  return matches_object(
      e, {{"toolUseId", is_string_value, true}, {"name", is_string_value, true}, {"input", is_object_value, true}});
}
bool is_tool_result(element e) {
  return matches_object(e, {{"toolUseId", is_string_value, true}, {"content", is_array_of<is_text_object>, true}});
}

// The schema's oneOf over blocks that each require a different key and forbid the rest:
// exactly one known key (repeats of that key aside).
template <bool Nova2>
bool is_content_block(element e) {
  object o;
  if (!get_object(e, o)) return false;
  std::string_view kind;
  for (auto f : o) {
    if (kind.empty()) {
      kind = f.key;
    } else if (f.key != kind) {
      return false;
    }
    Check check = nullptr;
    if (f.key == "text") {
      check = is_string_value;
    } else if (f.key == "image") {
      check = is_image;
    } else if (f.key == "video") {
      check = is_video;
    } else if (Nova2 && f.key == "reasoningContent") {
      check = is_reasoning_content;
    } else if (Nova2 && f.key == "toolUse") {
      check = is_tool_use;
    } else if (Nova2 && f.key == "toolResult") {
      check = is_tool_result;
    }
    if (!check || !check(f.value)) return false;
  }
  return !kind.empty();
}

bool is_converse_role(element e) { return is_one_of(e, {"user", "assistant"}); }

template <bool Nova2>
bool is_converse_message(element e) {
  return matches_object(e,
                        {{"role", is_converse_role, true}, {"content", is_array_of<is_content_block<Nova2>, 1>, true}});
}

bool is_schema_version(element e) { return string_equals(e, kConverseSchemaVersion); }

bool is_input_schema(element e) { return matches_object(e, {{"json", is_object_value, true}}); }
bool is_tool_spec(element e) {
  return matches_object(e, {{"name", is_string_value, true},
                            {"description", is_string_value, false},
                            {"inputSchema", is_input_schema, true}});
}
bool is_tool_entry(element e) { return matches_object(e, {{"toolSpec", is_tool_spec, true}}); }
bool is_tool_config(element e) { return matches_object(e, {{"tools", is_array_of<is_tool_entry>, true}}); }

// ---- OpenAI -----------------------------------------------------------------------------

bool is_function_call(element e) {
  return matches_object(e, {{"name", is_string_value, true}, {"arguments", is_string_value, true}}, Others::kAllowed);
}
bool is_tool_call(element e) {
  return matches_object(
      e, {{"id", is_string_value, true}, {"type", is_string_value, true}, {"function", is_function_call, true}},
      Others::kAllowed);
}
bool is_function_definition(element e) {
  return matches_object(e,
                        {{"name", is_string_value, true},
                         {"description", is_string_value, false},
                         {"parameters", is_object_value, false}},
                        Others::kAllowed);
}
bool is_openai_tool(element e) {
  return matches_object(e, {{"type", is_string_value, true}, {"function", is_function_definition, true}},
                        Others::kAllowed);
}

bool is_chat_role(element e) { return is_one_of(e, {"system", "user", "assistant", "tool"}); }
bool is_rft_role(element e) { return is_one_of(e, {"system", "user", "assistant", "developer", "tool"}); }

// The SFT source format forbids other message keys; the RFT target allows them.
template <Check Role, Others MessageOthers>
bool is_chat_message(element e) {
  return matches_object(e,
                        {{"role", Role, true},
                         {"content", is_string_or_null, false},
                         {"tool_calls", is_array_of<is_tool_call>, false},
                         {"tool_call_id", is_string_value, false},
                         {"reasoning", is_string_value, false}},
                        MessageOthers);
}

bool is_image_data(element e) { return matches_object(e, {{"data", is_string_value, true}}); }

}  // namespace

bool matches_sft_converse_schema(element record, bool nova2) noexcept {
  if (nova2) {
    return matches_object(record, {{"schemaVersion", is_schema_version, true},
                                   {"system", is_array_of<is_text_object, 1, 1>, false},
                                   {"messages", is_array_of<is_converse_message<true>, 1>, true},
                                   {"toolConfig", is_tool_config, false}});
  }
  return matches_object(record, {{"schemaVersion", is_schema_version, true},
                                 {"system", is_array_of<is_text_object, 1, 1>, false},
                                 {"messages", is_array_of<is_converse_message<false>, 1>, true}});
}

bool matches_openai_messages_schema(element record) noexcept {
  return matches_object(record, {{"messages", is_array_of<is_chat_message<is_chat_role, Others::kRejected>, 1>, true},
                                 {"tools", is_array_of<is_openai_tool>, false}});
}

bool matches_rft_openai_schema(element record) noexcept {
  return matches_object(record,
                        {{"messages", is_array_of<is_chat_message<is_rft_role, Others::kAllowed>, 1>, true},
                         {"reference_answer", is_object_value, false},
                         {"tools", is_array_of<is_openai_tool>, false}},
                        Others::kAllowed);
}

bool matches_eval_gen_qa_schema(element record) noexcept {
  return matches_object(record, {{"query", is_string_value, true},
                                 {"response", is_string_value, true},
                                 {"system", is_string_value, false},
                                 {"images", is_array_of<is_image_data>, false},
                                 {"metadata", is_string_value, false}});
}

bool matches_cpt_schema(element record) noexcept { return is_text_object(record); }

}  // namespace nova::dataset
