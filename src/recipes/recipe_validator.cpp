#include "recipes/recipe_validator.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

#include "nova/error.hpp"
#include "recipes/catalogue_tables.hpp"

namespace nova::recipes {
namespace {

const std::regex& lambda_arn_re() {
  static const std::regex re(R"(^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9\-_]+$)");
  return re;
}

std::string list_text(const std::vector<Value>& values) {
  std::string out = "[";
  for (const auto& v : values) out += (out.size() > 1 ? ", " : "") + v.to_yaml();
  return out + "]";
}
std::string list_text(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& v : values) out += (out.size() > 1 ? ", " : "") + v;
  return out + "]";
}

// Schema bounds as people write them: 4, not 4.0; 1e-07 stays a float.
std::string number_text(double d) {
  if (d == static_cast<double>(static_cast<long long>(d)) && std::abs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return Value(d).to_yaml();
}

const RecipeNode* first_leaf(const RecipeNode& node, const std::string& key) {
  for (const auto& [k, child] : node.children) {
    if (child.is_map) {
      if (const auto* found = first_leaf(child, key)) return found;
    } else if (k == key) {
      return &child;
    }
  }
  return nullptr;
}

bool type_matches(const std::string& type, const Value& v) {
  if (type == "string") return v.kind() == Value::Kind::String;
  if (type == "integer") return v.kind() == Value::Kind::Int;
  if (type == "float") return v.kind() == Value::Kind::Float;
  if (type == "boolean") return v.kind() == Value::Kind::Bool;
  if (type == "list") return v.kind() == Value::Kind::List;
  return true;  // unknown type names are not checked
}

std::string type_word(const std::string& type) {
  if (type == "string") return "str";
  if (type == "integer") return "int";
  if (type == "boolean") return "bool";
  return type;
}

std::string kind_word(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::String: return "str";
    case Value::Kind::Int: return "int";
    case Value::Kind::Bool: return "bool";
    default: return std::string(v.kind_name());
  }
}

void check_rft(const OverrideSchema& schema, bool for_launch, std::vector<std::string>& errors) {
  const auto* spec = schema.find("reward_lambda_arn");
  const std::string arn = spec && spec->default_value.kind() == Value::Kind::String ? spec->default_value.as_string() : "";
  if (arn.empty()) {
    if (for_launch) errors.push_back("'rft_lambda_arn' is a required parameter when calling train() for RFT");
  } else if (!std::regex_match(arn, lambda_arn_re()))
    errors.push_back("'rft_lambda_arn' must be a valid Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), got '" + arn + "'");
}

void check_evaluation(const OverrideSchema& schema, const RecipeRequest& r, std::vector<std::string>& errors) {
  if (!r.eval_task) return;
  const auto task = *r.eval_task;
  const std::string name(value_of(task));
  const auto& info = eval_task_info(task);
  const auto* data = schema.find("data_s3_path");
  const bool has_data = data && data->default_value.kind() == Value::Kind::String && !data->default_value.as_string().empty();
  if (has_data && !info.byod)
    errors.push_back("BYOD evaluation must use one of the following eval tasks: " + list_text(byod_eval_tasks()) + ". If you wish to use '" +
                     name + "' for eval, remove 'data_s3_path' from your input");
  if (r.subtask) {
    if (info.subtasks.empty()) errors.push_back("Task " + name + " does not support subtasks");
    else if (std::find(info.subtasks.begin(), info.subtasks.end(), *r.subtask) == info.subtasks.end())
      errors.push_back("Invalid subtask \"" + *r.subtask + "\" for task " + name + ". Valid subtasks: " + list_text(info.subtasks));
  }
  if (!r.processor.empty()) {
    if (task != EvaluationTask::GEN_QA) errors.push_back("'processor' is only used by the gen_qa task, not " + name);
    auto it = r.processor.find("lambda_arn");
    if (it == r.processor.end() || it->second.kind() != Value::Kind::String || !std::regex_match(it->second.as_string(), lambda_arn_re()))
      errors.push_back("processor must contain a valid 'lambda_arn' (arn:aws:lambda:<region>:<account>:function:<name>)");
  }
  if (!r.rl_env.empty() && task != EvaluationTask::RFT_EVAL) errors.push_back("'rl_env' is only used by the rft_eval task, not " + name);
  if (task == EvaluationTask::RFT_EVAL) {
    const auto* spec = schema.find("reward_lambda_arn");
    const bool ok = spec && spec->default_value.kind() == Value::Kind::String && std::regex_match(spec->default_value.as_string(), lambda_arn_re());
    if (!ok) errors.push_back("rl_env must contain a reward_lambda_arn: a valid Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)");
  }
}

void check_param(const std::string& key, const ParamSpec& spec, const RecipeNode& recipe, const std::string& instance_type,
                 std::vector<std::string>& errors) {
  if (key == "instance_type") {
    if (spec.allowed && std::find(spec.allowed->begin(), spec.allowed->end(), Value(instance_type)) == spec.allowed->end()) {
      std::vector<std::string> types;
      for (const auto& v : *spec.allowed) types.push_back(v.kind() == Value::Kind::String ? v.as_string() : v.to_yaml());
      std::sort(types.begin(), types.end());
      errors.push_back("Instance type '" + instance_type + "' is not supported. Allowed types: " + list_text(types));
    }
    return;
  }
  const RecipeNode* leaf = first_leaf(recipe, key);
  if (!leaf) {
    if (spec.required) errors.push_back("'" + key + "' is required, but was not found in your recipe");
    return;
  }
  const Value& v = leaf->value;
  if (v.is_null()) return;
  if (!type_matches(spec.type, v)) {
    errors.push_back("'" + key + "' expects " + type_word(spec.type) + ". You provided " + kind_word(v) + " (" + v.to_yaml() + ").");
    return;
  }
  if (spec.allowed && !(v.kind() == Value::Kind::String && v.as_string().empty()) &&
      std::find(spec.allowed->begin(), spec.allowed->end(), v) == spec.allowed->end())
    errors.push_back("'" + key + "' must be one of " + list_text(*spec.allowed) + ". You provided " + v.to_yaml() + ".");
  if (v.is_number()) {
    if (spec.min && v.as_double() < *spec.min)
      errors.push_back("'" + key + "' must be at least " + number_text(*spec.min) + " (allowed range " + number_text(*spec.min) +
                       (spec.max ? " to " + number_text(*spec.max) : std::string(" or more")) + "). You provided " + v.to_yaml() + ".");
    if (spec.max && v.as_double() > *spec.max)
      errors.push_back("'" + key + "' must be no greater than " + number_text(*spec.max) + " (allowed range " +
                       (spec.min ? number_text(*spec.min) : std::string("up")) + " to " + number_text(*spec.max) + "). You provided " + v.to_yaml() + ".");
  }
}

}  // namespace

void validate_recipe(const RecipeNode& recipe, const OverrideSchema& schema, const RecipeRequest& request,
                     const std::string& instance_type) {
  std::vector<std::string> errors;
  if (request.method == TrainingMethod::RFT_LORA || request.method == TrainingMethod::RFT_FULL) check_rft(schema, request.for_launch, errors);
  if (request.method == TrainingMethod::EVALUATION) check_evaluation(schema, request, errors);
  for (const auto& key : schema.keys()) {
    if (key == "namespace" || key == "max_context_length") continue;
    check_param(key, *schema.find(key), recipe, instance_type, errors);
  }
  if (errors.empty()) return;
  std::string message;
  for (const auto& e : errors) message += (message.empty() ? "" : "\n") + e;
  throw ValueError(message);
}

}  // namespace nova::recipes
