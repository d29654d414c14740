#include "runtime/hyperpod_objects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "aws/kubernetes/kube_paths.hpp"
#include "nova/error.hpp"
#include "runtime/hyperpod_job_name.hpp"
#include "runtime/hyperpod_settings.hpp"
#include "runtime/hyperpod_yaml.hpp"

namespace nova::runtime {
namespace {

using Json = nlohmann::ordered_json;
namespace k8s = aws::kubernetes;

const char* template_kind(HyperPodJobKind kind) {
  switch (kind) {
    case HyperPodJobKind::kEvaluation: return "evaluation";
    case HyperPodJobKind::kRft: return "rft";
    case HyperPodJobKind::kTraining: break;
  }
  return "training";
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
}

std::string account_for(const std::map<std::string, std::string>& accounts, const std::string& region,
                        const std::string& what) {
  const auto it = accounts.find(region);
  if (it != accounts.end()) return it->second;
  std::vector<std::string> known;
  for (const auto& [r, _] : accounts) known.push_back(r);
  throw ValueError(fmt::format("Nova {} on HyperPod are not published for region '{}'; regions with them: {}", what,
                               region, fmt::join(known, ", ")));
}

std::map<std::string, std::string> placeholders(const HyperPodJobSpec& spec, HyperPodJobKind kind) {
  const auto& s = hyperpod_settings();
  std::map<std::string, std::string> values{
      {"name", spec.name},
      {"namespace", spec.namespace_name},
      {"container_image", spec.image},
      {"instance_type", spec.instance_type},
      {"replicas", std::to_string(spec.instance_count)},
      {"source_account", spec.account},
      {"init_container_image", fmt::format("{}.dkr.ecr.{}.amazonaws.com/{}",
                                           account_for(s.init_container_accounts, spec.region, "init containers"),
                                           spec.region, s.init_container_repository)}};
  if (kind == HyperPodJobKind::kRft) {
    const std::string account = account_for(s.rft_image_accounts, spec.region, "RFT images");
    for (const auto& [key, repo] : s.rft_images)
      values[key] = fmt::format("{}.dkr.ecr.{}.amazonaws.com/{}", account, spec.region, repo);
  }
  return values;
}

Json recipe_json(const std::string& recipe_yaml) {
  auto docs = parse_manifests(recipe_yaml, "The recipe");
  if (docs.size() != 1) throw ValueError("The recipe must be one YAML mapping");
  return docs.front();
}

// RFT ConfigMaps: {run without *_replicas, training_config + task_type} (launcher RFT).
std::string rft_config(const Json& recipe, const std::string& task_type) {
  Json run = recipe.value("run", Json::object());
  for (auto it = run.begin(); it != run.end();) {
    const std::string& key = it.key();
    if (key.size() > 9 && key.compare(key.size() - 9, 9, "_replicas") == 0) it = run.erase(it);
    else ++it;
  }
  Json training = recipe.value("training_config", Json::object());
  training["task_type"] = task_type;
  std::string text = manifests_yaml({Json{{"run", run}, {"training_config", training}}}).substr(4);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

std::string strip_final_newlines(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// metadata: name, namespace, then the rest; the job label added.
void set_metadata(Json& object, const HyperPodJobSpec& spec) {
  const Json old = object.value("metadata", Json::object());
  Json meta = Json::object();
  meta["name"] = old.value("name", "");
  meta["namespace"] = spec.namespace_name;
  for (const auto& [key, value] : old.items())
    if (key != "name" && key != "namespace") meta[key] = value;
  if (!meta.contains("labels") || !meta["labels"].is_object()) meta["labels"] = Json::object();
  meta["labels"][hyperpod_settings().job_label] = spec.name;
  object["metadata"] = std::move(meta);
}

// The GPU containers (training, RFT generation) get the instance type's GPUs and EFA
// interfaces; their other resources (memory, hugepages) stay as the template has them.
void set_devices(Json& pod_spec, const HyperPodDevices& devices) {
  if (!pod_spec.contains("containers")) return;
  for (auto& container : pod_spec["containers"]) {
    const std::string name = container.value("name", "");
    if (name != "pytorch" && name != "vllm") continue;
    Json& resources = container["resources"];
    for (const char* bound : {"limits", "requests"}) {
      Json& amounts = resources[bound];
      amounts["nvidia.com/gpu"] = devices.gpus;
      if (devices.efa > 0) amounts["vpc.amazonaws.com/efa"] = devices.efa;
      else amounts.erase("vpc.amazonaws.com/efa");
    }
  }
}

int run_count(const Json& recipe, const char* key, int fallback) {
  const Json run = recipe.value("run", Json::object());
  if (!run.contains(key) || run[key].is_null()) return fallback;
  if (!run[key].is_number_integer() || run[key].get<int>() < 0) {
    throw ValueError(fmt::format("The recipe's run.{} must be a whole number of replicas >= 0, got {}", key,
                                 run[key].dump()));
  }
  return run[key].get<int>();
}

// RFT's other workloads (launcher RFT): vLLM generation and rollout hub replicas from the
// recipe's run, redis only when the rollout delegates to it.
void shape_rft(std::vector<Json>& objects, const Json& recipe, const HyperPodJobSpec& spec,
               const HyperPodDevices& devices) {
  const Json rollout = recipe.value("training_config", Json::object()).value("rollout", Json::object());
  const bool redis = rollout.is_object() && rollout.contains("delegate") && rollout["delegate"].is_boolean() &&
                     rollout["delegate"].get<bool>();
  const std::map<std::string, int> replicas{{spec.name + "-vllm", run_count(recipe, "generation_replicas", 2)},
                                            {spec.name + "-hubcli", run_count(recipe, "rollout_worker_replicas", 1)},
                                            {spec.name + "-redis", run_count(recipe, "redis_replicas", 1)}};
  std::erase_if(objects, [&](const Json& o) { return !redis && o["metadata"].value("name", "") == spec.name + "-redis"; });
  for (auto& object : objects) {
    const std::string kind = object.value("kind", "");
    if (kind != "StatefulSet" && kind != "Deployment") continue;
    const auto it = replicas.find(object["metadata"].value("name", ""));
    if (it != replicas.end()) object["spec"]["replicas"] = it->second;
    if (object["spec"].contains("template") && object["spec"]["template"].contains("spec"))
      set_devices(object["spec"]["template"]["spec"], devices);
  }
}

void shape_pytorchjob(Json& job, const HyperPodJobSpec& spec, HyperPodJobKind kind, const HyperPodDevices& devices) {
  auto& specs = job["spec"]["pytorchReplicaSpecs"];
  if (specs.contains("Master")) specs["Master"]["replicas"] = 1;
  const int workers = std::max(spec.instance_count - 1, 0);
  // The hub template writes {{replicas}} for the Worker too; the launcher gives it count - 1
  // and leaves it out for one instance (RFT keeps it, possibly with 0).
  if (specs.contains("Worker")) {
    if (kind == HyperPodJobKind::kRft) specs["Worker"]["replicas"] = workers;
    else if (workers == 0 || kind == HyperPodJobKind::kEvaluation) specs.erase("Worker");
    else specs["Worker"]["replicas"] = workers;
  }
  for (auto& [role, replica] : specs.items()) {
    if (replica.contains("template") && replica["template"].contains("spec"))
      set_devices(replica["template"]["spec"], devices);
  }
}

void find_unfilled(const Json& value, std::set<std::string>& out) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    for (auto open = s.find("{{"); open != std::string::npos; open = s.find("{{", open + 2)) {
      const auto close = s.find("}}", open);
      if (close != std::string::npos) out.insert(s.substr(open, close + 2 - open));
    }
  } else if (value.is_structured()) {
    for (const auto& item : value) find_unfilled(item, out);
  }
}

std::size_t creation_rank(const std::string& kind) {
  const auto& resources = hyperpod_settings().resources;
  for (std::size_t i = 0; i < resources.size(); ++i)
    if (resources[i].first == kind) return i;
  return resources.size();
}

HyperPodObject locate(Json body) {
  const std::string kind = body.value("kind", "");
  const std::string api_version = body.value("apiVersion", "");
  const std::string ns = body["metadata"].value("namespace", "");
  const std::string name = body["metadata"].value("name", "");
  const auto& resources = hyperpod_settings().resources;
  const auto it = std::find_if(resources.begin(), resources.end(), [&](const auto& r) { return r.first == kind; });
  if (it == resources.end()) {
    throw ValueError(fmt::format("The HyperPod payload holds a {} '{}', a kind the SDK does not create", kind, name));
  }
  const auto problem = kind == "ConfigMap" || kind == "Secret" ? k8s::dns1123_subdomain_problem(name)
                       : kind == "Service"                       ? k8s::dns1035_label_problem(name)
                                                                 : k8s::dns1123_label_problem(name);
  if (!problem.empty()) throw ValueError(fmt::format("{} name '{}' is not a valid Kubernetes name: {}", kind, name, problem));
  HyperPodObject object;
  const auto slash = api_version.find('/');
  if (slash == std::string::npos) {
    object.collection_path = k8s::core_path(ns, it->second);
    object.path = k8s::core_path(ns, it->second, name);
  } else {
    const std::string group = api_version.substr(0, slash), version = api_version.substr(slash + 1);
    object.collection_path = k8s::group_path(group, version, ns, it->second);
    object.path = k8s::group_path(group, version, ns, it->second, name);
  }
  object.body = std::move(body);
  return object;
}

}  // namespace

std::string HyperPodObject::kind() const { return body.value("kind", ""); }
std::string HyperPodObject::name() const { return body.at("metadata").value("name", ""); }

HyperPodJobKind hyperpod_job_kind(const std::string& recipe_yaml) {
  const Json recipe = recipe_json(recipe_yaml);
  if (recipe.contains("evaluation")) return HyperPodJobKind::kEvaluation;
  const Json run = recipe.value("run", Json::object());
  const Json training = recipe.value("training_config", Json::object());
  const auto set = [](const Json& object, const char* key) { return object.contains(key) && !object[key].is_null(); };
  if (set(run, "generation_replicas") || set(run, "rollout_worker_replicas") || set(training, "rollout"))
    return HyperPodJobKind::kRft;
  if (training.contains("data") && training["data"].is_object()) {
    const std::string type = training["data"].value("type", "");
    if (type == "single-turn" || type == "multi-turn") return HyperPodJobKind::kRft;
  }
  return HyperPodJobKind::kTraining;
}

std::string hyperpod_job_selector(const std::string& job_name) {
  return fmt::format("{}={}", hyperpod_settings().job_label, job_name);
}

RenderedHyperPodJob render_hyperpod_job(const HyperPodJobSpec& spec) {
  const auto& settings = hyperpod_settings();
  RenderedHyperPodJob out;
  out.kind = hyperpod_job_kind(spec.recipe_yaml);
  const auto devices = settings.devices.find(spec.instance_type);
  if (devices == settings.devices.end()) {
    std::vector<std::string> known;
    for (const auto& [type, _] : settings.devices) known.push_back(type);
    throw ValueError(fmt::format("Instance type '{}' has no HyperPod device entry; known types: {}", spec.instance_type,
                                 fmt::join(known, ", ")));
  }
  std::string text;
  if (spec.payload_template && !spec.payload_template->empty()) {
    text = *spec.payload_template;
    out.template_origin = "hub payload template";
  } else {
    text = builtin_hyperpod_template(template_kind(out.kind));
    out.template_origin = fmt::format("built-in template templates/{}.yaml", template_kind(out.kind));
  }
  for (const auto& [key, value] : placeholders(spec, out.kind)) replace_all(text, "{{" + key + "}}", value);

  const std::string recipe_text = strip_final_newlines(with_run_name(spec.recipe_yaml, spec.name));
  Json recipe = recipe_json(recipe_text);
  std::vector<Json> objects = parse_manifests(text, out.template_origin);
  for (auto& object : objects) {
    set_metadata(object, spec);
    const std::string kind = object.value("kind", "");
    const std::string name = object["metadata"]["name"];
    if (kind == "ConfigMap" && out.kind != HyperPodJobKind::kRft && name == "training-config-" + spec.name) {
      object["data"] = Json{{"config.yaml", recipe_text}};
    } else if (kind == "ConfigMap" && out.kind == HyperPodJobKind::kRft) {
      for (const auto& [suffix, task_type] : settings.rft_config_maps)
        if (name == spec.name + "-" + suffix) object["data"] = Json{{"config.yaml", rft_config(recipe, task_type)}};
    } else if (kind == "PyTorchJob") {
      shape_pytorchjob(object, spec, out.kind, devices->second);
    }
  }
  if (out.kind == HyperPodJobKind::kRft) shape_rft(objects, recipe, spec, devices->second);
  std::set<std::string> unfilled;
  for (const auto& object : objects) find_unfilled(object, unfilled);
  if (!unfilled.empty()) {
    throw ValueError(fmt::format("The {} leaves placeholders unfilled: {} (the SDK fills name, namespace, "
                                 "container_image, init_container_image, instance_type, replicas and RFT images)",
                                 out.template_origin, fmt::join(unfilled, ", ")));
  }
  std::stable_sort(objects.begin(), objects.end(), [](const Json& a, const Json& b) {
    return creation_rank(a.value("kind", "")) < creation_rank(b.value("kind", ""));
  });
  for (auto& object : objects) out.objects.push_back(locate(std::move(object)));
  if (std::none_of(out.objects.begin(), out.objects.end(), [](const auto& o) { return o.kind() == "PyTorchJob"; }))
    throw ValueError(fmt::format("The {} holds no PyTorchJob", out.template_origin));
  return out;
}

}  // namespace nova::runtime
