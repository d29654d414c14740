// RFT records in OpenAI style, Nova 2 Lite only (reference §5.3): {"id"?, "messages":
// [{"role"?, "content"?}], "tools"?, "reference_answer"?}; other keys are ignored. No reserved
// keyword checks.
#include <array>

#include "dataset/validate/json_fields.hpp"
#include "dataset/validate/python_text.hpp"
#include "dataset/validate/record_validator.hpp"
#include "dataset/validate/named_items.hpp"
#include "dataset/validate/validators.hpp"

namespace nova::dataset {

namespace {

constexpr std::array<std::string_view, 3> kOptionalFields{"id", "reference_answer", "tools"};
constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);
constexpr std::string_view kGiveTextOrLeaveOut = "give it a non-blank value, or leave it out";

// The roles seen across a conversation, for the rules on the conversation as a whole.
struct RolesSeen {
  std::size_t first_system{kNotFound};
  bool first_is_system{false};
  bool has_user{false};
};

void check_message(simdjson::dom::object message, const FieldPath& path, std::size_t index, IssueReporter& issues,
                   RolesSeen& roles) {
  static constexpr std::array<std::string_view, 2> kNames{"role", "content"};
  const auto fields = pick_fields(message, kNames);
  const FieldPath role_path = path.key("role");
  std::string_view role;
  if (read_string(fields[0], Presence::kOptional, role_path, issues, role)) {
    const bool system = python_text::lower_equals(role, "system");
    const bool user = python_text::lower_equals(role, "user");
    if (!system && !user && !python_text::lower_equals(role, "assistant")) {
      issues.add(role_path, "rft.role.value", "Invalid role, must be one of ['system', 'user', 'assistant']",
                 "use \"system\", \"user\" or \"assistant\"");
    }
    if (system && roles.first_system == kNotFound) roles.first_system = index;
    if (system && index == 0) roles.first_is_system = true;
    roles.has_user = roles.has_user || user;
  }
  const FieldPath content_path = path.key("content");
  std::string_view content;
  read_non_blank(fields[1], Presence::kOptional, content_path,
                 {"rft.content.empty", "Invalid content, if provided cannot be empty", kGiveTextOrLeaveOut}, issues,
                 content);
}

void check_messages(const Field& field, const FieldPath& path, IssueReporter& issues) {
  simdjson::dom::array messages;
  if (!read_array(field, Presence::kRequired, path, issues, messages)) return;
  const std::size_t issues_before = issues.count();
  RolesSeen roles;
  const std::size_t count =
      for_each_object(messages, path, issues, [&](simdjson::dom::object message, const FieldPath& message_path,
                                                  std::size_t index) { check_message(message, message_path, index, issues, roles); });
  if (count == 0) {
    issues.add(path, "rft.messages.empty", "Invalid messages, you must have at least one message.",
               "give the record at least one user message");
    return;
  }
  // The reference judges the conversation only when every message passed.
  if (issues.count() != issues_before) return;
  if (roles.first_system != kNotFound && !roles.first_is_system) {
    const FieldPath message_path = path.index(roles.first_system);
    const FieldPath role_path = message_path.key("role");
    issues.add(role_path, "rft.system.position", "Invalid messages, system message must be first if present.",
               "move the system message to the start");
  }
  if (!roles.has_user) {
    issues.add(path, "rft.messages.no_user", "Invalid messages, must have at least one user message.",
               "add a message with role \"user\"");
  }
}

void check_parameters(const Field& field, const FieldPath& path, IssueReporter& issues) {
  static constexpr std::array<std::string_view, 3> kNames{"type", "properties", "required"};
  simdjson::dom::object parameters;
  if (!read_object(field, Presence::kRequired, path, issues, parameters)) return;
  const auto fields = pick_fields(parameters, kNames);
  const FieldPath type_path = path.key("type");
  std::string_view type;
  if (read_string(fields[0], Presence::kRequired, type_path, issues, type) && type != "object") {
    issues.add(type_path, "rft.parameters.type", "Invalid parameters type, must be 'object'",
               "set \"type\": \"object\"");
  }
  const FieldPath properties_path = path.key("properties");
  simdjson::dom::object properties;
  read_object(fields[1], Presence::kRequired, properties_path, issues, properties);
  const FieldPath required_path = path.key("required");
  simdjson::dom::array required;
  if (!read_array(fields[2], Presence::kOptional, required_path, issues, required)) return;
  std::size_t index = 0;
  for (const simdjson::dom::element element : required) {
    const FieldPath item_path = required_path.index(index++);
    std::string_view name;
    read_string(Field{element, true}, Presence::kRequired, item_path, issues, name);
  }
}

class RftValidator final : public RecordValidator {
 public:
  RftValidator() : RecordValidator(Setup{kOptionalFields, true}) {}

  std::string_view dataset_kind() const override { return "RFT"; }

 private:
  FieldPresence check_fields(simdjson::dom::object record, IssueReporter& issues) override {
    static constexpr std::array<std::string_view, 4> kNames{"id", "messages", "tools", "reference_answer"};
    const auto fields = pick_fields(record, kNames);
    const FieldPath root;
    const FieldPath id_path = root.key("id");
    std::string_view id;
    read_non_blank(fields[0], Presence::kOptional, id_path,
                   {"rft.id.empty", "Invalid id, if provided cannot be empty.", kGiveTextOrLeaveOut}, issues, id);
    const FieldPath messages_path = root.key("messages");
    check_messages(fields[1], messages_path, issues);
    const FieldPath tools_path = root.key("tools");
    check_tools(fields[2], tools_path, issues);
    const FieldPath answer_path = root.key("reference_answer");
    check_reference_answer(fields[3], answer_path, issues);
    return (fields[0].present ? 1U : 0U) | (fields[3].present ? 2U : 0U) | (fields[2].present ? 4U : 0U);
  }

  void check_tools(const Field& field, const FieldPath& path, IssueReporter& issues) {
    simdjson::dom::array tools;
    if (!read_array(field, Presence::kOptional, path, issues, tools)) return;
    tools_.clear();
    const std::size_t count =
        for_each_object(tools, path, issues, [&](simdjson::dom::object tool, const FieldPath& tool_path, std::size_t index) {
          check_tool(tool, tool_path, index, issues);
        });
    if (count == 0) {
      issues.add(path, "rft.tools.empty", "Invalid tools, tools list cannot be empty when provided.",
                 "list at least one tool, or leave \"tools\" out");
    }
    tools_.for_each_repeat([&](std::size_t tool) {
      const FieldPath tool_path = path.index(tool);
      const FieldPath function_path = tool_path.key("function");
      const FieldPath name_path = function_path.key("name");
      issues.add(name_path, "rft.tools.duplicate_name", "Invalid tools, duplicate tool names found.",
                 "give every function a distinct name");
    });
  }

  void check_tool(simdjson::dom::object tool, const FieldPath& path, std::size_t index, IssueReporter& issues) {
    static constexpr std::array<std::string_view, 2> kToolNames{"type", "function"};
    static constexpr std::array<std::string_view, 1> kParameters{"parameters"};
    static constexpr ToolTextRules kRules{
        {"rft.function.name", "Invalid function name, cannot be empty", "name the function"},
        {"rft.function.description", "Invalid function description, cannot be empty", "describe what the function does"}};
    const auto fields = pick_fields(tool, kToolNames);
    const FieldPath type_path = path.key("type");
    std::string_view type;
    if (read_string(fields[0], Presence::kRequired, type_path, issues, type) && type != "function") {
      issues.add(type_path, "rft.tool.type", "Invalid tool type, must be 'function'.", "set \"type\": \"function\"");
    }
    const FieldPath function_path = path.key("function");
    simdjson::dom::object function;
    if (!read_object(fields[1], Presence::kRequired, function_path, issues, function)) return;
    check_tool_name_and_description(function, function_path, index, kRules, tools_, issues);
    const FieldPath parameters_path = function_path.key("parameters");
    check_parameters(pick_fields(function, kParameters)[0], parameters_path, issues);
  }

  static void check_reference_answer(const Field& field, const FieldPath& path, IssueReporter& issues) {
    if (!field.given()) return;
    std::string_view text;
    simdjson::dom::object object;
    if (field.value.get(text) == simdjson::SUCCESS) {
      if (python_text::is_blank(text)) {
        issues.add(path, "rft.reference_answer.empty", "Invalid reference_answer, the string cannot be empty.",
                   "give the expected answer, or leave reference_answer out");
      }
    } else if (field.value.get(object) == simdjson::SUCCESS) {
      if (object.begin() == object.end()) {
        issues.add(path, "rft.reference_answer.empty", "Invalid reference_answer, the dict cannot be empty.",
                   "give the expected answer, or leave reference_answer out");
      }
    } else {
      issues.add(path, "field.type", "Input should be a valid string or a valid dictionary",
                 "make \"reference_answer\" a JSON string or object (numbers and arrays are not accepted)");
    }
  }

  NamedItems tools_;
};

}  // namespace

std::unique_ptr<Validator> make_rft_validator() { return std::make_unique<RftValidator>(); }

}  // namespace nova::dataset
