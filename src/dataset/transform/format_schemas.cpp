// Hand-written matchers for the reference's transform-time JSON schemas. They answer
// "would jsonschema.validate() accept this record?" without a schema engine: one walk
// over the DOM, no allocation, early exit on the first mismatch.
//
// JSON Schema semantics kept here: `properties` constrain a key only when it is present,
// `required` lists keys that must be present, `additionalProperties: false` rejects any
// other key; a `oneOf` over blocks that each require a different single key and forbid
// the rest means "exactly one known key".

#include <initializer_list>
#include <string_view>

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transform_support.hpp"

namespace nova::dataset {
namespace {

using namespace transform_detail;

using Names = std::initializer_list<std::string_view>;

bool is_one_of(element e, Names names) noexcept {
  std::string_view s;
  if (!get_string(e, s)) return false;
  for (std::string_view name : names) {
    if (s == name) return true;
  }
  return false;
}

bool is_string_value(element e) noexcept { return e.type() == element_type::STRING; }
bool is_object_value(element e) noexcept { return e.type() == element_type::OBJECT; }

// {"text": string}, nothing else.
bool is_text_object(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool text = false;
  for (auto f : o) {
    if (f.key != "text" || !is_string_value(f.value)) return false;
    text = true;
  }
  return text;
}

// A non-empty array whose items all satisfy `item` (empty allowed when min_items is 0).
template <typename Pred>
bool is_array_of(element e, std::size_t min_items, Pred item) noexcept {
  array a;
  if (!get_array(e, a)) return false;
  std::size_t n = 0;
  for (element x : a) {
    if (!item(x)) return false;
    ++n;
  }
  return n >= min_items;
}

// ---- Converse (SFT) -------------------------------------------------------------------

// {"uri": string, "bucketOwner": string}
bool is_s3_location(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool uri = false, owner = false;
  for (auto f : o) {
    if (f.key == "uri") {
      uri = is_string_value(f.value);
      if (!uri) return false;
    } else if (f.key == "bucketOwner") {
      owner = is_string_value(f.value);
      if (!owner) return false;
    } else {
      return false;
    }
  }
  return uri && owner;
}

// {"format": one of `formats`, "source": {"s3Location": {...}}}
bool is_media(element e, Names formats) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool format = false, source = false;
  for (auto f : o) {
    if (f.key == "format") {
      format = is_one_of(f.value, formats);
      if (!format) return false;
    } else if (f.key == "source") {
      object s;
      if (!get_object(f.value, s)) return false;
      for (auto sf : s) {
        if (sf.key != "s3Location" || !is_s3_location(sf.value)) return false;
        source = true;
      }
      if (!source) return false;
    } else {
      return false;
    }
  }
  return format && source;
}

// {"reasoningText": {"text": string}}
bool is_reasoning_content(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool found = false;
  for (auto f : o) {
    if (f.key != "reasoningText" || !is_text_object(f.value)) return false;
    found = true;
  }
  return found;
}

// {"toolUseId": string, "name": string, "input": object}
bool is_tool_use(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool id = false, name = false, input = false;
  for (auto f : o) {
    if (f.key == "toolUseId") {
      id = is_string_value(f.value);
      if (!id) return false;
    } else if (f.key == "name") {
      name = is_string_value(f.value);
      if (!name) return false;
    } else if (f.key == "input") {
      input = is_object_value(f.value);
      if (!input) return false;
    } else {
      return false;
    }
  }
  return id && name && input;
}

// {"toolUseId": string, "content": [{"text": string}, ...]}
bool is_tool_result(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool id = false, content = false;
  for (auto f : o) {
    if (f.key == "toolUseId") {
      id = is_string_value(f.value);
      if (!id) return false;
    } else if (f.key == "content") {
      content = is_array_of(f.value, 0, is_text_object);
      if (!content) return false;
    } else {
      return false;
    }
  }
  return id && content;
}


// Exactly one known key: text, image, video (+ reasoningContent, toolUse, toolResult on Nova 2).
bool is_content_block(element e, bool nova2) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  std::string_view kind;
  for (auto f : o) {
    if (kind.empty()) {
      kind = f.key;
    } else if (f.key != kind) {
      return false;
    }
    bool ok = false;
    if (f.key == "text") {
      ok = is_string_value(f.value);
    } else if (f.key == "image") {
      ok = is_media(f.value, {"png", "jpg", "jpeg"});
    } else if (f.key == "video") {
      ok = is_media(f.value, {"mp4", "mov", "avi"});
    } else if (nova2 && f.key == "reasoningContent") {
      ok = is_reasoning_content(f.value);
    } else if (nova2 && f.key == "toolUse") {
      ok = is_tool_use(f.value);
    } else if (nova2 && f.key == "toolResult") {
      ok = is_tool_result(f.value);
    }
    if (!ok) return false;
  }
  return !kind.empty();
}

bool is_converse_message(element e, bool nova2) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool role = false, content = false;
  for (auto f : o) {
    if (f.key == "role") {
      role = is_one_of(f.value, {"user", "assistant"});
      if (!role) return false;
    } else if (f.key == "content") {
      content = is_array_of(f.value, 1, [nova2](element b) { return is_content_block(b, nova2); });
      if (!content) return false;
    } else {
      return false;
    }
  }
  return role && content;
}

// {"name": string, "description"?: string, "inputSchema": {"json": object}}
bool is_tool_spec(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool name = false, input_schema = false;
  for (auto f : o) {
    if (f.key == "name") {
      name = is_string_value(f.value);
      if (!name) return false;
    } else if (f.key == "description") {
      if (!is_string_value(f.value)) return false;
    } else if (f.key == "inputSchema") {
      object s;
      if (!get_object(f.value, s)) return false;
      for (auto sf : s) {
        if (sf.key != "json" || !is_object_value(sf.value)) return false;
        input_schema = true;
      }
      if (!input_schema) return false;
    } else {
      return false;
    }
  }
  return name && input_schema;
}

// {"tools": [{"toolSpec": {...}}, ...]}
bool is_tool_config(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool tools = false;
  for (auto f : o) {
    if (f.key != "tools") return false;
    tools = is_array_of(f.value, 0, [](element t) {
      object to;
      if (!get_object(t, to)) return false;
      bool spec = false;
      for (auto tf : to) {
        if (tf.key != "toolSpec" || !is_tool_spec(tf.value)) return false;
        spec = true;
      }
      return spec;
    });
    if (!tools) return false;
  }
  return tools;
}

// ---- OpenAI -----------------------------------------------------------------------------

// {"id": string, "type": string, "function": {"name": string, "arguments": string, ...}, ...}
bool is_openai_tool_call(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool id = false, type = false, function = false;
  for (auto f : o) {
    if (f.key == "id") {
      id = is_string_value(f.value);
      if (!id) return false;
    } else if (f.key == "type") {
      type = is_string_value(f.value);
      if (!type) return false;
    } else if (f.key == "function") {
      object fn;
      if (!get_object(f.value, fn)) return false;
      bool name = false, arguments = false;
      for (auto ff : fn) {
        if (ff.key == "name") {
          name = is_string_value(ff.value);
          if (!name) return false;
        } else if (ff.key == "arguments") {
          arguments = is_string_value(ff.value);
          if (!arguments) return false;
        }
      }
      function = name && arguments;
      if (!function) return false;
    }
  }
  return id && type && function;
}

// {"type": string, "function": {"name": string, "description"?: string, "parameters"?: object, ...}, ...}
bool is_openai_tool(element e) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool type = false, function = false;
  for (auto f : o) {
    if (f.key == "type") {
      type = is_string_value(f.value);
      if (!type) return false;
    } else if (f.key == "function") {
      object fn;
      if (!get_object(f.value, fn)) return false;
      bool name = false;
      for (auto ff : fn) {
        if (ff.key == "name") {
          name = is_string_value(ff.value);
          if (!name) return false;
        } else if (ff.key == "description") {
          if (!is_string_value(ff.value)) return false;
        } else if (ff.key == "parameters") {
          if (!is_object_value(ff.value)) return false;
        }
      }
      function = name;
      if (!function) return false;
    }
  }
  return type && function;
}

bool is_openai_tools(element e) noexcept { return is_array_of(e, 0, is_openai_tool); }

// A chat message: role required; content string or null; tool_calls, tool_call_id, reasoning.
bool is_openai_message(element e, Names roles, bool other_keys_allowed) noexcept {
  object o;
  if (!get_object(e, o)) return false;
  bool role = false;
  for (auto f : o) {
    bool ok = true;
    if (f.key == "role") {
      ok = role = is_one_of(f.value, roles);
    } else if (f.key == "content") {
      ok = is_string_value(f.value) || f.value.type() == element_type::NULL_VALUE;
    } else if (f.key == "tool_calls") {
      ok = is_array_of(f.value, 0, is_openai_tool_call);
    } else if (f.key == "tool_call_id" || f.key == "reasoning") {
      ok = is_string_value(f.value);
    } else {
      ok = other_keys_allowed;
    }
    if (!ok) return false;
  }
  return role;
}

}  // namespace

bool matches_sft_converse_schema(element record, bool nova2) noexcept {
  object o;
  if (!get_object(record, o)) return false;
  bool version = false, messages = false;
  for (auto f : o) {
    bool ok = false;
    if (f.key == "schemaVersion") {
      ok = version = string_equals(f.value, kConverseSchemaVersion);
    } else if (f.key == "system") {
      array a;
      std::size_t n = 0;
      if (get_array(f.value, a)) {
        ok = true;
        for (element item : a) {
          ok = ok && is_text_object(item);
          ++n;
        }
      }
      ok = ok && n == 1;
    } else if (f.key == "messages") {
      ok = messages = is_array_of(f.value, 1, [nova2](element m) { return is_converse_message(m, nova2); });
    } else if (nova2 && f.key == "toolConfig") {
      ok = is_tool_config(f.value);
    }
    if (!ok) return false;
  }
  return version && messages;
}

bool matches_openai_messages_schema(element record) noexcept {
  object o;
  if (!get_object(record, o)) return false;
  bool messages = false;
  for (auto f : o) {
    bool ok = false;
    if (f.key == "messages") {
      ok = messages = is_array_of(f.value, 1, [](element m) {
        return is_openai_message(m, {"system", "user", "assistant", "tool"}, false);
      });
    } else if (f.key == "tools") {
      ok = is_openai_tools(f.value);
    }
    if (!ok) return false;
  }
  return messages;
}

bool matches_rft_openai_schema(element record) noexcept {
  object o;
  if (!get_object(record, o)) return false;
  bool messages = false;
  for (auto f : o) {
    bool ok = true;
    if (f.key == "messages") {
      ok = messages = is_array_of(f.value, 1, [](element m) {
        return is_openai_message(m, {"system", "user", "assistant", "developer", "tool"}, true);
      });
    } else if (f.key == "reference_answer") {
      ok = is_object_value(f.value);
    } else if (f.key == "tools") {
      ok = is_openai_tools(f.value);
    }
    if (!ok) return false;
  }
  return messages;
}

bool matches_eval_gen_qa_schema(element record) noexcept {
  object o;
  if (!get_object(record, o)) return false;
  bool query = false, response = false;
  for (auto f : o) {
    bool ok = false;
    if (f.key == "query") {
      ok = query = is_string_value(f.value);
    } else if (f.key == "response") {
      ok = response = is_string_value(f.value);
    } else if (f.key == "system" || f.key == "metadata") {
      ok = is_string_value(f.value);
    } else if (f.key == "images") {
      ok = is_array_of(f.value, 0, [](element img) {
        object io;
        if (!get_object(img, io)) return false;
        bool data = false;
        for (auto imf : io) {
          if (imf.key != "data" || !is_string_value(imf.value)) return false;
          data = true;
        }
        return data;
      });
    }
    if (!ok) return false;
  }
  return query && response;
}

bool matches_cpt_schema(element record) noexcept { return is_text_object(record); }

}  // namespace nova::dataset
