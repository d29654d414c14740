// OpenAI chat messages -> Bedrock Converse for SFT (Nova 1 and Nova 2).
//
// Output: {"schemaVersion", "system": [{"text"}], "messages", "toolConfig"?}.
// Messages are converted in order and never merged, except that consecutive tool
// messages become the toolResult blocks of one user turn (Nova 2). Because only system
// messages (which produce nothing) can sit between two tool messages, that user turn is
// written as soon as its first tool message arrives and closed at the next user or
// assistant message: the output stays a single forward pass.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transform_support.hpp"

namespace nova::dataset {
namespace {

using namespace transform_detail;

bool is_function(object entry) noexcept {
  element type;
  return find_field(entry, "type", type) && string_equals(type, "function");
}

// &storage holding entry["function"] when that is an object, else nullptr (tool
// definitions and tool calls both nest one).
const object* function_of(object entry, object& storage) noexcept {
  element value;
  return find_field(entry, "function", value) && get_object(value, storage) ? &storage : nullptr;
}

// The tool call's `arguments` as json.loads would give them; text that is not JSON is
// kept as {"arguments": "<text>"}.
// Differs from the reference where simdjson and json.loads disagree: NaN/Infinity, integers
// beyond 64 bits and lone surrogate escapes are not JSON to simdjson, so such arguments
// stay raw text; duplicate keys are all kept (json.loads keeps the last).
void write_tool_input(PythonJsonWriter& out, element arguments) {
  if (arguments.type() == element_type::OBJECT) {
    out.value(arguments);
    return;
  }
  if (std::string_view text; get_string(arguments, text)) {
    // Arguments are rare next to the records themselves; one parser per thread keeps the
    // transformer const and shareable.
    thread_local simdjson::dom::parser parser;
    element parsed;
    if (parser.parse(text.data(), text.size(), true).get(parsed) == simdjson::SUCCESS) {
      out.value(parsed);
      return;
    }
  }
  out.begin_object();
  out.key("arguments");
  out.value(arguments);
  out.end_object();
}

// {"toolUse": {"toolUseId", "name", "input"}} for a tool call of type "function".
void write_tool_use(PythonJsonWriter& out, object call, std::size_t message_index) {
  object storage;
  const object* function = function_of(call, storage);
  out.begin_object();
  out.key("toolUse");
  out.begin_object();
  out.key("toolUseId");
  if (!write_field_if_present(out, &call, "id")) out.string(fmt::format("tool_call_{}", message_index));
  out.key("name");
  if (!write_field_if_present(out, function, "name")) out.string("");
  out.key("input");
  if (element arguments; function && find_field(*function, "arguments", arguments)) {
    write_tool_input(out, arguments);
  } else {
    out.begin_object();
    out.end_object();
  }
  out.end_object();
  out.end_object();
}

// {"toolResult": {"toolUseId": <tool_call_id or null>, "content": [{"text": <content or "">}]}}
void write_tool_result(PythonJsonWriter& out, object message, const element* content) {
  out.begin_object();
  out.key("toolResult");
  out.begin_object();
  out.key("toolUseId");
  if (!write_field_if_present(out, &message, "tool_call_id")) out.null();
  out.key("content");
  out.begin_array();
  out.begin_object();
  out.key("text");
  if (content) {
    out.value(*content);
  } else {
    out.string("");
  }
  out.end_object();
  out.end_array();
  out.end_object();
  out.end_object();
}

bool has_function_call(array calls) noexcept {
  for (element call : calls) {
    if (object c; get_object(call, c) && is_function(c)) return true;
  }
  return false;
}

bool uses_tool_calling(array messages) noexcept {
  for (element m : messages) {
    object msg;
    if (!get_object(m, msg)) continue;
    element v;
    if (find_field(msg, "tool_calls", v) && truthy(v)) return true;
    if (find_field(msg, "tool_call_id", v) && truthy(v)) return true;
  }
  return false;
}

// "toolConfig": {"tools": [{"toolSpec": {"name", "description", "inputSchema": {"json"}}}]},
// only when at least one tool is a function.
void write_tool_config(PythonJsonWriter& out, array tools) {
  bool any = false;
  for (element t : tools) {
    if (object tool; get_object(t, tool) && is_function(tool)) any = true;
  }
  if (!any) return;
  out.key("toolConfig");
  out.begin_object();
  out.key("tools");
  out.begin_array();
  for (element t : tools) {
    object tool;
    if (!get_object(t, tool) || !is_function(tool)) continue;
    object storage;
    const object* function = function_of(tool, storage);
    out.begin_object();
    out.key("toolSpec");
    out.begin_object();
    out.key("name");
    if (!write_field_if_present(out, function, "name")) out.string("");
    out.key("description");
    if (!write_field_if_present(out, function, "description")) out.string("");
    out.key("inputSchema");
    out.begin_object();
    out.key("json");
    if (!write_field_if_present(out, function, "parameters")) {
      out.begin_object();
      out.end_object();
    }
    out.end_object();
    out.end_object();
    out.end_object();
  }
  out.end_array();
  out.end_object();
}

class OpenAiToConverseTransformer final : public RecordTransformer {
 public:
  explicit OpenAiToConverseTransformer(bool nova2) : nova2_(nova2) {}

  void transform(element record, const RecordRef& ref, PythonJsonWriter& out) const override {
    object rec;
    element messages_value;
    array messages;
    if (!get_object(record, rec) || !find_field(rec, "messages", messages_value) ||
        !get_array(messages_value, messages)) {
      throw_detected_error(ref, "'messages' key not found in the record. Expected OpenAI format.");
    }
    element tools_value;
    array tools;
    const bool has_tools = find_field(rec, "tools", tools_value) && truthy(tools_value);
    if (!nova2_ && (has_tools || uses_tool_calling(messages))) {
      throw_detected_error(
          ref,
          "Tool/function calling is not supported in Nova 1.0. Please use Nova 2.0 for tool calling capabilities.");
    }

    // The last system message wins; a system message without content gives "".
    bool system_seen = false;
    bool system_has_content = false;
    element system_text;
    for (element m : messages) {
      object msg;
      element role;
      if (get_object(m, msg) && find_field(msg, "role", role) && string_equals(role, "system")) {
        system_seen = true;
        system_has_content = find_field(msg, "content", system_text);
      }
    }

    out.begin_object();
    out.field("schemaVersion", kConverseSchemaVersion);
    write_system(out, system_has_content ? &system_text : nullptr, system_seen ? "" : kDefaultSftSystemPrompt);
    out.key("messages");
    out.begin_array();
    const RolesSeen seen = convert_messages(messages, &out, nullptr);
    out.end_array();
    if (!seen.user || !seen.assistant) {
      std::vector<std::string_view> order;
      convert_messages(messages, nullptr, &order);
      std::string listed;
      for (std::string_view role : order) {
        if (!listed.empty()) listed += ", ";
        listed += fmt::format("'{}'", role);
      }
      throw_detected_error(ref, fmt::format("OpenAI format must contain at least one 'user' and one 'assistant' "
                                            "message. Found roles: [{}]",
                                            listed));
    }
    if (nova2_ && has_tools && get_array(tools_value, tools)) write_tool_config(out, tools);
    out.end_object();
  }

  std::string_view source_format() const override { return "OpenAI messages"; }

 private:
  struct RolesSeen {
    bool user{false};
    bool assistant{false};
  };

  // Writes the Converse messages to `out` when given; records the role of each message it
  // would write in `order` when given (for the error message).
  RolesSeen convert_messages(array messages, PythonJsonWriter* out, std::vector<std::string_view>* order) const {
    RolesSeen seen;
    bool tool_turn_open = false;
    auto open = [&](std::string_view role) {
      (role == "user" ? seen.user : seen.assistant) = true;
      if (order) order->push_back(role);
      if (out) begin_message(*out, role);
    };
    auto close_tool_turn = [&] {
      if (!tool_turn_open) return;
      if (out) end_message(*out);
      tool_turn_open = false;
    };

    std::size_t index = 0;
    for (element m : messages) {
      const std::size_t message_index = index++;
      object msg;
      element role_value;
      std::string_view role;
      if (!get_object(m, msg) || !find_field(msg, "role", role_value) || !get_string(role_value, role)) continue;
      element content;
      const bool has_content = find_field(msg, "content", content);
      const bool has_text = has_content && truthy(content);

      if (role == "user") {
        close_tool_turn();
        if (!has_text) continue;
        open("user");
        if (out) {
          write_text_block(*out, content);
          end_message(*out);
        }
      } else if (role == "assistant") {
        close_tool_turn();
        element reasoning;
        const bool has_reasoning = nova2_ && find_field(msg, "reasoning", reasoning) && truthy(reasoning);
        element calls_value;
        array calls;
        const bool has_calls = nova2_ && find_field(msg, "tool_calls", calls_value) && get_array(calls_value, calls) &&
                               has_function_call(calls);
        if (!has_reasoning && !has_text && !has_calls) continue;
        open("assistant");
        if (!out) continue;
        if (has_reasoning) write_reasoning_block(*out, reasoning);
        if (has_text) write_text_block(*out, content);
        if (has_calls) {
          for (element call : calls) {
            if (object c; get_object(call, c) && is_function(c)) write_tool_use(*out, c, message_index);
          }
        }
        end_message(*out);
      } else if (role == "tool" && nova2_) {
        if (!tool_turn_open) {
          open("user");
          tool_turn_open = true;
        }
        if (out) write_tool_result(*out, msg, has_content ? &content : nullptr);
      }
    }
    close_tool_turn();
    return seen;
  }

  bool nova2_;
};

}  // namespace

std::unique_ptr<RecordTransformer> make_openai_to_converse_transformer(bool nova2) {
  return std::make_unique<OpenAiToConverseTransformer>(nova2);
}

}  // namespace nova::dataset
