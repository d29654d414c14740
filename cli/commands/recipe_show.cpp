// nova recipe show --model M --method M [--platform P] [--instance-type T] [--override k=v] [--offline] [--json]
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "assignments.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/recipe.hpp"
#include "platform_option.hpp"
#include "refusal.hpp"
#include "value_json.hpp"

namespace nova::cli {
namespace {

struct RecipeShowArgs {
  std::string model, method, platform{"smtj"}, instance_type, eval_task, region;
  int instance_count{0};
  std::vector<std::string> overrides;
  bool offline{false}, json{false};
};

std::string range_of(const RecipeParameter& p) {
  if (p.allowed) {
    std::vector<std::string> values;
    for (const auto& v : *p.allowed) values.push_back(v.to_yaml());
    return fmt::format("[{}]", fmt::join(values, ", "));
  }
  if (p.min || p.max) {
    return fmt::format("{}..{}", p.min ? fmt::format("{}", *p.min) : "", p.max ? fmt::format("{}", *p.max) : "");
  }
  return "-";
}

void print_json(const RecipeInfo& info) {
  using Json = nlohmann::ordered_json;
  Json out;
  out["recipe_name"] = info.recipe_name;
  out["origin"] = info.origin;
  out["hub_content_version"] = info.hub_content_version;
  out["image_uri"] = info.image_uri;
  out["instance_type"] = info.instance_type;
  out["instance_count"] = info.instance_count;
  out["yaml"] = info.yaml;
  auto params = Json::array();
  for (const auto& p : info.parameters) {
    Json allowed = nullptr;
    if (p.allowed) {
      allowed = Json::array();
      for (const auto& v : *p.allowed) allowed.push_back(value_to_json(v));
    }
    params.push_back(Json{{"key", p.key},
                          {"type", p.type},
                          {"default", value_to_json(p.default_value)},
                          {"min", p.min ? Json(*p.min) : Json(nullptr)},
                          {"max", p.max ? Json(*p.max) : Json(nullptr)},
                          {"enum", allowed},
                          {"required", p.required}});
  }
  out["parameters"] = std::move(params);
  std::cout << out.dump(2) << '\n';
}

void print_text(const RecipeInfo& info) {
  std::cout << fmt::format(
      "Recipe:    {}\nOrigin:    {}\nImage:     {}\nInstances: {} x {}\n\n", info.recipe_name, info.origin,
      info.image_uri, info.instance_count, info.instance_type);
  std::cout << info.yaml;
  if (!info.yaml.empty() && info.yaml.back() != '\n') std::cout << '\n';
  std::size_t key_width = 3, type_width = 4, default_width = 7;
  for (const auto& p : info.parameters) {
    key_width = std::max(key_width, p.key.size());
    type_width = std::max(type_width, p.type.size());
    default_width = std::max(default_width, p.default_value.to_yaml().size());
  }
  std::cout << fmt::format("\nOverridable keys (--override key=value):\n{:<{}}  {:<{}}  {:<{}}  {:<8}  {}\n", "key",
                           key_width, "type", type_width, "default", default_width, "required", "range/enum");
  for (const auto& p : info.parameters) {
    std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<8}  {}\n", p.key, key_width, p.type.empty() ? "-" : p.type,
                             type_width, p.default_value.to_yaml(), default_width, p.required ? "yes" : "no",
                             range_of(p));
  }
}

void run_recipe_show(const RecipeShowArgs& args) {
  RecipeQuery query;
  query.model = parse_model_option(args.model);
  query.method = parse_method_option(args.method);
  query.platform = parse_platform_option(args.platform);
  if (!args.instance_type.empty()) query.instance_type = args.instance_type;
  if (args.instance_count > 0) query.instance_count = args.instance_count;
  if (!args.eval_task.empty()) query.eval_task = parse_eval_task_option(args.eval_task);
  if (!args.region.empty()) query.region = args.region;
  query.overrides = parse_assignments(args.overrides, "--override");
  query.offline = args.offline;
  exit_1_when_refused([&] {
    const RecipeInfo info = describe_recipe(query);
    if (args.json) {
      print_json(info);
    } else {
      print_text(info);
    }
  });
}

}  // namespace

void add_recipe_show_command(CLI::App& recipe) {
  auto args = std::make_shared<RecipeShowArgs>();
  CLI::App* cmd = recipe.add_subcommand(
      "show", "The resolved recipe of a model, method and platform, where it came from, and every overridable key");
  cmd->add_option("--model", args->model, "Model: NOVA_MICRO, NOVA_LITE, NOVA_LITE_2, NOVA_PRO")->required();
  cmd->add_option("--method", args->method,
                  "Method: SFT_LORA, SFT_FULL, DPO_LORA, DPO_FULL, RFT_LORA, RFT_FULL, CPT, EVALUATION")
      ->required();
  cmd->add_option("--platform", args->platform, "smtj (SageMaker training job) or smhp (HyperPod)")
      ->capture_default_str();
  cmd->add_option("--instance-type", args->instance_type, "Instance type (default: the recipe's first)");
  cmd->add_option("--instance-count", args->instance_count, "Instances (default: the recipe's)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--eval-task", args->eval_task, "Evaluation task, required with --method EVALUATION (e.g. mmlu)");
  cmd->add_option("--override", args->overrides, "key=value applied to the shown recipe (repeatable)");
  cmd->add_option("--region", args->region, "Region whose images and hub are used (default: the AWS configuration's)");
  cmd->add_flag("--offline", args->offline, "Never call the SageMaker hub: the local cache, else the built-in catalogue");
  cmd->add_flag("--json", args->json,
                "Print one JSON object: {recipe_name, origin, image_uri, instance_type, instance_count, yaml, "
                "parameters[{key, type, default, min, max, enum, required}]}");
  cmd->footer(
      "Exit codes: 0 ok, 1 refused (no such recipe for the instance type, invalid override), 2 usage error.\n"
      "Examples:\n"
      "  nova recipe show --model nova-lite-2 --method sft_lora --platform smtj\n"
      "  nova recipe show --model nova-lite-2 --method sft_lora --override max_steps=50 --offline --json");
  cmd->callback([args] { run_recipe_show(*args); });
}

}  // namespace nova::cli
