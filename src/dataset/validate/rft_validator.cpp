// RFT records in OpenAI style, Nova 2 Lite only (reference §5.3): {"id"?, "messages":
// [{"role"?, "content"?}], "tools"?, "reference_answer"?}; other keys are ignored. No reserved
// keyword checks.
#include <array>
#include <cstdint>
#include <vector>

#include "dataset/validate/json_fields.hpp"
#include "dataset/validate/python_text.hpp"
#include "dataset/validate/record_validator.hpp"
#include "dataset/validate/repeated_names.hpp"
#include "dataset/validate/validators.hpp"

namespace nova::dataset {

namespace {

constexpr std::array<std::string_view, 3> kOptionalFields{"id", "reference_answer", "tools"};
constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

// A string that must not be blank when given; `presence` says whether it may be absent or null.
void check_non_blank(const Field& field, Presence presence, const FieldPath& path, std::string_view rule,
                     std::string_view message, IssueReporter& issues) {
  std::string_view value;
  if (read_string(field, presence, path, issues, value) && python_text::is_blank(value)) {
    issues.add(path, rule, message, "give it a non-blank value, or leave it out");
  }
}

void check_messages(const Field& field, const FieldPath& path, IssueReporter& issues) {
  static constexpr std::array<std::string_view, 2> kNames{"role", "content"};
  simdjson::dom::array messages;
  if (!read_array(field, Presence::kRequired, path, issues, messages)) return;
  const std::size_t issues_before = issues.count();
  std::size_t index = 0;
  std::size_t first_system = kNotFound;
  bool first_is_system = false;
  bool has_user = false;
  for (const simdjson::dom::element element : messages) {
    const FieldPath message_path = path.index(index);
    simdjson::dom::object message;
    if (element.get(message) != simdjson::SUCCESS) {
      report_not_an_object(message_path, issues);
      ++index;
      continue;
    }
    const auto fields = pick_fields(message, kNames);
    const FieldPath role_path = message_path.key("role");
    std::string_view role;
    if (read_string(fields[0], Presence::kOptional, role_path, issues, role)) {
      const bool system = python_text::lower_equals(role, "system");
      const bool user = python_text::lower_equals(role, "user");
      if (!system && !user && !python_text::lower_equals(role, "assistant")) {
        issues.add(role_path, "rft.role.value", "Invalid role, must be one of ['system', 'user', 'assistant']",
                   "use \"system\", \"user\" or \"assistant\"");
      }
      if (system && first_system == kNotFound) first_system = index;
      if (system && index == 0) first_is_system = true;
      has_user = has_user || user;
    }
    const FieldPath content_path = message_path.key("content");
    check_non_blank(fields[1], Presence::kOptional, content_path, "rft.content.empty",
                    "Invalid content, if provided cannot be empty", issues);
    ++index;
  }
  if (index == 0) {
    issues.add(path, "rft.messages.empty", "Invalid messages, you must have at least one message.",
               "give the record at least one user message");
    return;
  }
  // The reference judges the conversation only when every message passed.
  if (issues.count() != issues_before) return;
  if (first_system != kNotFound && !first_is_system) {
    const FieldPath message_path = path.index(first_system);
    const FieldPath role_path = message_path.key("role");
    issues.add(role_path, "rft.system.position", "Invalid messages, system message must be first if present.",
               "move the system message to the start");
  }
  if (!has_user) {
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
    check_non_blank(fields[0], Presence::kOptional, id_path, "rft.id.empty", "Invalid id, if provided cannot be empty.",
                    issues);
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
    tool_names_.clear();
    tool_of_name_.clear();
    std::size_t index = 0;
    for (const simdjson::dom::element element : tools) {
      const FieldPath tool_path = path.index(index);
      simdjson::dom::object tool;
      if (element.get(tool) != simdjson::SUCCESS) {
        report_not_an_object(tool_path, issues);
      } else {
        check_tool(tool, tool_path, index, issues);
      }
      ++index;
    }
    if (index == 0) {
      issues.add(path, "rft.tools.empty", "Invalid tools, tools list cannot be empty when provided.",
                 "list at least one tool, or leave \"tools\" out");
    }
    for_each_repeated_name(tool_names_, order_, [&](std::size_t i) {
      const FieldPath tool_path = path.index(tool_of_name_[i]);
      const FieldPath function_path = tool_path.key("function");
      const FieldPath name_path = function_path.key("name");
      issues.add(name_path, "rft.tools.duplicate_name", "Invalid tools, duplicate tool names found.",
                 "give every function a distinct name");
    });
  }

  void check_tool(simdjson::dom::object tool, const FieldPath& path, std::size_t index, IssueReporter& issues) {
    static constexpr std::array<std::string_view, 2> kToolNames{"type", "function"};
    static constexpr std::array<std::string_view, 3> kFunctionNames{"name", "description", "parameters"};
    const auto fields = pick_fields(tool, kToolNames);
    const FieldPath type_path = path.key("type");
    std::string_view type;
    if (read_string(fields[0], Presence::kRequired, type_path, issues, type) && type != "function") {
      issues.add(type_path, "rft.tool.type", "Invalid tool type, must be 'function'.", "set \"type\": \"function\"");
    }
    const FieldPath function_path = path.key("function");
    simdjson::dom::object function;
    if (!read_object(fields[1], Presence::kRequired, function_path, issues, function)) return;
    const auto function_fields = pick_fields(function, kFunctionNames);
    const FieldPath name_path = function_path.key("name");
    std::string_view name;
    if (read_string(function_fields[0], Presence::kRequired, name_path, issues, name)) {
      if (python_text::is_blank(name)) {
        issues.add(name_path, "rft.function.name", "Invalid function name, cannot be empty", "name the function");
      }
      tool_names_.push_back(name);
      tool_of_name_.push_back(static_cast<std::uint32_t>(index));
    }
    const FieldPath description_path = function_path.key("description");
    check_non_blank(function_fields[1], Presence::kRequired, description_path, "rft.function.description",
                    "Invalid function description, cannot be empty", issues);
    const FieldPath parameters_path = function_path.key("parameters");
    check_parameters(function_fields[2], parameters_path, issues);
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

  std::vector<std::string_view> tool_names_;
  std::vector<std::uint32_t> tool_of_name_;
  std::vector<std::uint32_t> order_;
};

}  // namespace

std::unique_ptr<Validator> make_rft_validator() { return std::make_unique<RftValidator>(); }

}  // namespace nova::dataset
