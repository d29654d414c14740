#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "aws/kubernetes/kube_paths.hpp"
#include "aws/session/session_for.hpp"
#include "core/log.hpp"
#include "nova/runtime.hpp"
#include "runtime/hyperpod_apply.hpp"
#include "runtime/hyperpod_job_name.hpp"
#include "runtime/hyperpod_objects.hpp"
#include "runtime/hyperpod_settings.hpp"
#include "runtime/hyperpod_yaml.hpp"
#include "runtime/smhp_cluster.hpp"

namespace nova {
namespace {

std::string read_recipe(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw ValueError(fmt::format("Recipe file '{}' does not exist: JobConfig.recipe_path must name a local YAML file.",
                                 path));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The launcher names the job after the recipe's run.name; the JobConfig's name otherwise.
std::string run_name_of(const std::string& recipe_yaml, const JobConfig& job) {
  try {
    const YAML::Node run = YAML::Load(recipe_yaml)["run"];
    if (run && run["name"] && run["name"].IsScalar() && !run["name"].Scalar().empty()) return run["name"].Scalar();
  } catch (const YAML::Exception& e) {
    throw ValueError(fmt::format("Recipe file '{}' is not valid YAML: {}", job.recipe_path, e.what()));
  }
  if (job.job_name.empty()) throw ValueError("JobConfig.job_name is required when the recipe has no run.name");
  return job.job_name;
}

}  // namespace

struct SMHPRuntimeManager::Impl {
  AwsOptions aws;
  std::mutex mutex;
  std::shared_ptr<const aws::Session> session;
  std::unique_ptr<runtime::HyperPodCluster> cluster;

  std::shared_ptr<const aws::Session> get_session() {
    std::lock_guard lock(mutex);
    if (!session) session = aws::session_for(aws);
    return session;
  }
  runtime::HyperPodCluster& get_cluster(const std::string& cluster_name) {
    auto s = get_session();
    std::lock_guard lock(mutex);
    if (!cluster) cluster = std::make_unique<runtime::HyperPodCluster>(s, cluster_name);
    return *cluster;
  }
  runtime::RenderedHyperPodJob render(const SMHPRuntimeManager& manager, const JobConfig& job, std::string& name);
};

SMHPRuntimeManager::SMHPRuntimeManager(std::string instance_type, int instance_count, std::string cluster_name,
                                       std::string namespace_, std::optional<std::string> kms_key_id, AwsOptions aws)
    : RuntimeManager(std::move(instance_type), instance_count, std::move(kms_key_id)),
      cluster_name_(std::move(cluster_name)),
      namespace_name_(std::move(namespace_)),
      impl_(std::make_unique<Impl>()) {
  impl_->aws = std::move(aws);
  static const char* const kClusterPattern = R"(^[0-9A-Za-z][A-Za-z0-9\-_]{1,100}$)";
  static const char* const kNamespacePattern = R"(^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$)";
  if (!std::regex_match(cluster_name_, std::regex(kClusterPattern))) {
    throw ValueError(fmt::format(
        "Cluster name '{}' must fit pattern {}: 2 to 101 letters, digits, '-' or '_', starting with a letter or digit.",
        cluster_name_, kClusterPattern));
  }
  if (!std::regex_match(namespace_name_, std::regex(kNamespacePattern))) {
    throw ValueError(fmt::format(
        "Namespace '{}' must fit pattern {}: up to 63 lower-case letters, digits or '-', starting and ending with a "
        "letter or digit (e.g. kubeflow).",
        namespace_name_, kNamespacePattern));
  }
}

SMHPRuntimeManager::~SMHPRuntimeManager() = default;

const AwsOptions& SMHPRuntimeManager::aws_options() const noexcept { return impl_->aws; }

runtime::RenderedHyperPodJob SMHPRuntimeManager::Impl::render(const SMHPRuntimeManager& manager, const JobConfig& job,
                                                              std::string& name) {
  if (job.image_uri.empty()) throw ValueError("JobConfig.image_uri is required: the image the job's pods run.");
  const std::string recipe = read_recipe(job.recipe_path);
  const std::string run_name = run_name_of(recipe, job);
  const bool rft = runtime::hyperpod_job_kind(recipe) == runtime::HyperPodJobKind::kRft;
  name = runtime::hyperpod_job_name(run_name, rft ? runtime::hyperpod_settings().rft_name_prefix_max_length : 0);
  const auto s = get_session();
  runtime::HyperPodJobSpec spec;
  spec.name = name;
  spec.namespace_name = manager.namespace_name();
  spec.image = job.image_uri;
  spec.instance_type = manager.instance_type();
  spec.instance_count = manager.instance_count();
  spec.region = s->region().region;
  spec.account = s->sts().get_caller_identity().account;
  spec.recipe_yaml = recipe;
  spec.payload_template = job.hyperpod_payload_template;
  return runtime::render_hyperpod_job(spec);
}

std::optional<std::string> SMHPRuntimeManager::checkpoint_s3_path() const {
  const auto cluster = impl_->get_session()->sagemaker().describe_cluster(cluster_name_);
  if (cluster.restricted_instance_groups.size() != 1) return std::nullopt;
  return cluster.restricted_instance_groups.front().s3_output_path;
}

SMHPJobPlan SMHPRuntimeManager::plan(const JobConfig& job_config) const {
  SMHPJobPlan plan;
  const auto rendered = impl_->render(*this, job_config, plan.job_name);
  plan.namespace_name = namespace_name_;
  plan.template_origin = rendered.template_origin;
  std::vector<nlohmann::ordered_json> bodies;
  for (const auto& object : rendered.objects) {
    plan.objects.push_back(object.kind() + "/" + object.name());
    bodies.push_back(object.body);
  }
  plan.objects_yaml = runtime::manifests_yaml(bodies);
  return plan;
}

std::string SMHPRuntimeManager::execute(const JobConfig& job_config) {
  std::string name;
  const auto rendered = impl_->render(*this, job_config, name);
  auto& kube = impl_->get_cluster(cluster_name_).kube();
  runtime::create_hyperpod_objects(kube, rendered, name,
                                   fmt::format("HyperPod job {} was created and is running; stop it with `nova job stop "
                                               "{} --platform SMHP --cluster-name {} --namespace {}`",
                                               name, name, cluster_name_, namespace_name_));
  if (core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("Started HyperPod job {} in namespace {} of cluster {} ({} objects, {})",
                                                 name, namespace_name_, cluster_name_, rendered.objects.size(),
                                                 rendered.template_origin));
  }
  return name;
}

void SMHPRuntimeManager::cleanup(const std::string& job_name) {
  if (const auto problem = aws::kubernetes::dns1123_label_problem(job_name); !problem.empty()) {
    throw ValueError(fmt::format("Job name '{}' is not a HyperPod job name: {}", job_name, problem));
  }
  auto& kube = impl_->get_cluster(cluster_name_).kube();
  if (runtime::delete_hyperpod_objects(kube, namespace_name_, job_name) == 0) {
    throw ValueError(fmt::format("No HyperPod job '{}' in namespace '{}' of cluster '{}' (nothing to stop).", job_name,
                                 namespace_name_, cluster_name_));
  }
}

}  // namespace nova
