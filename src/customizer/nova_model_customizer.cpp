// NovaModelCustomizer: checks at construction, then train() = plan (recipe, validation,
// runtime request) + execute.

#include <chrono>

#include <fmt/format.h>

#include "aws/s3/s3_uri.hpp"
#include "aws/session/session.hpp"
#include "aws/session/session_for.hpp"
#include "core/log.hpp"
#include "customizer/data_mixing.hpp"
#include "customizer/output_location.hpp"
#include "customizer/customizer_state.hpp"
#include "customizer/recipe_access.hpp"
#include "nova/customizer.hpp"
#include "nova/monitor.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "preflight/preflight.hpp"
#include "recipes/catalogue_tables.hpp"
#include "recipes/recipe_builder.hpp"

namespace nova {

namespace {

const std::map<std::string, bool> kDefaultValidation{{"iam", true}, {"infra", true}, {"recipe", true}};

std::map<std::string, bool> merged_validation_config(const std::map<std::string, bool>& given) {
  std::map<std::string, bool> merged = kDefaultValidation;
  for (const auto& [key, value] : given) {
    if (!merged.count(key)) {
      throw ValueError(fmt::format("Unknown validation_config key '{}'. Valid keys are: iam, infra, recipe", key));
    }
    merged[key] = value;
  }
  return merged;
}

void require_supported_region(const std::string& region) {
  const auto regions = recipes::supported_regions();
  if (std::find(regions.begin(), regions.end(), region) == regions.end()) {
    throw ValueError(fmt::format("Region '{}' is not supported for Nova training. Supported regions are: [{}]", region,
                                 fmt::join(regions, ", ")));
  }
}

}  // namespace

recipes::RecipeRequest NovaModelCustomizer::Impl::recipe_request(const std::string& job_name) const {
  recipes::RecipeRequest r;
  r.model = model;
  r.method = method;
  r.platform = infra->platform();
  r.region = region;
  r.instance_type = infra->instance_type();
  r.instance_count = infra->instance_count();
  r.job_name = job_name;
  r.model_path = options.model_path;
  r.data_s3_path = options.data_s3_path.value_or("");
  r.output_s3_path = output_s3_path;
  if (options.mlflow_monitor) {
    for (const auto& [key, value] : options.mlflow_monitor->to_dict()) {
      if (key == "mlflow_tracking_uri") r.mlflow_tracking_uri = value;
      if (key == "mlflow_experiment_name") r.mlflow_experiment_name = value;
      if (key == "mlflow_run_name") r.mlflow_run_name = value;
    }
  }
  r.data_mixing = options.data_mixing_enabled;
  if (mixing.enabled()) r.data_mixing_config = mixing.percentages();
  r.generated_recipe_dir = options.generated_recipe_dir;
  return r;
}

std::string NovaModelCustomizer::Impl::preflight_problems(const std::string& data_path, const std::string& role_arn,
                                                         const std::string& write_path, const std::string& job_name) const {
  // validation_config: "iam" -> the caller's and the execution role's permissions, the KMS
  // key and the buckets; "infra" -> the instance quota and, on HyperPod, the cluster.
  unsigned groups = 0;
  if (validation.at("iam")) groups |= preflight::kPermissions | preflight::kStorage;
  if (validation.at("infra")) groups |= preflight::kQuota | preflight::kHyperPod;
  if (groups == 0) return {};
  PreflightRequest r;
  r.platform = infra->platform();
  r.model = model;
  r.method = method;
  r.instance_type = infra->instance_type();
  r.instance_count = infra->instance_count();
  if (!data_path.empty()) r.data_s3_path = data_path;
  r.output_s3_path = write_path.empty() ? output_s3_path : write_path;
  if (!role_arn.empty()) r.execution_role_arn = role_arn;
  r.kms_key_id = infra->kms_key_id();
  if (const auto* hp = dynamic_cast<const SMHPRuntimeManager*>(infra.get())) {
    r.cluster_name = hp->cluster_name();
    r.namespace_name = hp->namespace_name();
  }
  r.job_name = job_name;
  r.aws = options.aws;
  const PreflightReport report = preflight::run_checks(r, session, groups);
  return preflight::failure_message(report, method == TrainingMethod::EVALUATION ? "start the evaluation job"
                                                                                   : "start the training job");
}

NovaModelCustomizer::NovaModelCustomizer(Model model, TrainingMethod method, std::shared_ptr<RuntimeManager> infra,
                                         CustomizerOptions options)
    : impl_(std::make_unique<Impl>()) {
  if (!infra) throw ValueError("infra is required: an SMTJRuntimeManager or an SMHPRuntimeManager");
  Impl& s = *impl_;
  s.model = model;
  s.method = method;
  s.infra = std::move(infra);
  s.options = std::move(options);
  s.validation = merged_validation_config(s.options.validation_config);
  s.session = aws::session_for(s.options.aws);
  s.region = s.session->region().region;
  require_supported_region(s.region);
  for (const auto* path : {&s.options.data_s3_path, &s.options.model_path}) {
    if (*path && path->value().rfind("s3://", 0) == 0) aws::parse_s3_uri(**path);
  }
  s.recipes = std::make_unique<customizer::RecipeAccess>(s.session, s.region);
  s.mixing = s.check_recipe();
  s.output_s3_path = customizer::prepare_output_location(*s.session, s.options.output_s3_path, s.infra->kms_key_id());
}

customizer::DataMixing NovaModelCustomizer::Impl::check_recipe() const {
  if (options.data_mixing_enabled) customizer::require_data_mixing_support(method, infra->platform());
  // Is there a recipe for this model, method and platform on this instance type and count?
  // Resolved now so a misconfiguration fails here, not at train().
  recipes::RecipeRequest probe = recipe_request("nova-setup-check");
  probe.data_mixing_config.clear();  // the recipe's own defaults: a new recipe resets the mix
  probe.write_file = false;
  probe.for_launch = false;
  if (method == TrainingMethod::EVALUATION) {
    // The probe asks whether evaluation recipes exist; a data path (BYOD) is not MMLU's.
    probe.eval_task = EvaluationTask::MMLU;
    probe.data_s3_path.clear();
  }
  const recipes::ResolvedRecipe resolved = recipes->resolve(probe);
  if (!options.data_mixing_enabled) return {};
  // The mix starts as the recipe's own defaults.
  std::map<std::string, Value> defaults;
  for (const auto& p : resolved.parameters) {
    if (customizer::is_data_mixing_key(p.key)) defaults[p.key] = p.default_value;
  }
  return customizer::DataMixing(defaults, resolved.recipe_name);
}

void NovaModelCustomizer::Impl::reconfigure(Model new_model, TrainingMethod new_method,
                                            std::shared_ptr<RuntimeManager> new_infra, const std::string& change) {
  if (!new_infra) throw ValueError("infra is required: an SMTJRuntimeManager or an SMHPRuntimeManager");
  // All or nothing: a combination that has no recipe leaves the customizer as it was.
  const Model old_model = model;
  const TrainingMethod old_method = method;
  std::shared_ptr<RuntimeManager> old_infra = infra;
  model = new_model;
  method = new_method;
  infra = std::move(new_infra);
  try {
    mixing = check_recipe();
  } catch (...) {
    model = old_model;
    method = old_method;
    infra = std::move(old_infra);
    throw;
  }
  if (mixing.enabled()) core::log(core::LogLevel::kInfo, change + ". Datamixing configs set to default.");
}

NovaModelCustomizer::~NovaModelCustomizer() = default;
NovaModelCustomizer::NovaModelCustomizer(NovaModelCustomizer&&) noexcept = default;
NovaModelCustomizer& NovaModelCustomizer::operator=(NovaModelCustomizer&&) noexcept = default;

Model NovaModelCustomizer::model() const noexcept { return impl_->model; }
TrainingMethod NovaModelCustomizer::method() const noexcept { return impl_->method; }
const std::shared_ptr<RuntimeManager>& NovaModelCustomizer::infra() const noexcept { return impl_->infra; }
const std::optional<std::string>& NovaModelCustomizer::data_s3_path() const noexcept { return impl_->options.data_s3_path; }
const std::string& NovaModelCustomizer::output_s3_path() const noexcept { return impl_->output_s3_path; }
const std::optional<std::string>& NovaModelCustomizer::model_path() const noexcept { return impl_->options.model_path; }
const std::string& NovaModelCustomizer::region() const noexcept { return impl_->region; }
const std::map<std::string, bool>& NovaModelCustomizer::validation_config() const noexcept { return impl_->validation; }
DeploymentMode NovaModelCustomizer::deployment_mode() const noexcept { return impl_->options.deployment_mode; }
const std::optional<std::string>& NovaModelCustomizer::job_id() const noexcept { return impl_->job_id; }

std::map<std::string, Value> NovaModelCustomizer::get_data_mixing_config() const { return impl_->mixing.get(); }

void NovaModelCustomizer::set_data_mixing_config(const std::map<std::string, Value>& config) {
  impl_->mixing.set(config);
}

void NovaModelCustomizer::set_model(Model model) {
  impl_->reconfigure(model, impl_->method, impl_->infra, fmt::format("Model changed to {}", to_string(model)));
}

void NovaModelCustomizer::set_method(TrainingMethod method) {
  impl_->reconfigure(impl_->model, method, impl_->infra, fmt::format("Method changed to {}", to_string(method)));
}

void NovaModelCustomizer::set_infra(std::shared_ptr<RuntimeManager> infra) {
  const std::string platform = infra ? std::string(to_string(infra->platform())) : std::string("none");
  impl_->reconfigure(impl_->model, impl_->method, std::move(infra), "Platform changed to " + platform);
}

NovaModelCustomizer::PreparedJob NovaModelCustomizer::Impl::prepare(const TrainOptions& train) {
  Impl& s = *this;
  if (s.method == TrainingMethod::EVALUATION) {
    throw ValueError("train() cannot run the EVALUATION method; call evaluate() instead");
  }
  if (train.job_name.empty()) throw ValueError("job_name is required: a name for the training job");
  for (const auto& [key, value] : train.overrides) {
    if (customizer::is_data_mixing_key(key)) {
      throw ValueError(fmt::format("'{}' cannot be set as an override; use set_data_mixing_config()", key));
    }
  }
  recipes::RecipeRequest request = s.recipe_request(train.job_name);
  request.recipe_path = train.recipe_path;
  request.overrides = train.overrides;
  request.rft_lambda_arn = train.rft_lambda_arn.value_or("");
  request.validation_data_s3_path = train.validation_data_s3_path.value_or("");
  const recipes::ResolvedRecipe recipe = s.recipes->resolve(request);
  // RFT reads its prompts as plain S3 objects; every other method reads Converse records.
  const bool rft = s.method == TrainingMethod::RFT_LORA || s.method == TrainingMethod::RFT_FULL;
  return prepare_job(recipe, train.job_name, rft ? std::nullopt : std::optional<std::string>("Converse"),
                     s.options.model_path);
}

NovaModelCustomizer::PreparedJob NovaModelCustomizer::Impl::prepare_job(const recipes::ResolvedRecipe& recipe,
                                                                         const std::string& job_name,
                                                                         std::optional<std::string> input_s3_data_type,
                                                                         std::optional<std::string> model_name_or_path) {
  Impl& s = *this;
  if (recipe.instance_count != s.infra->instance_count()) s.infra->set_instance_count(recipe.instance_count);

  PreparedJob job;
  JobConfig& c = job.config;
  c.job_name = unique_job_name(job_name);
  c.image_uri = recipe.image_uri;
  c.recipe_path = recipe.file_path;
  c.output_s3_path = recipe.output_s3_path;
  if (!recipe.data_s3_path.empty()) c.data_s3_path = recipe.data_s3_path;
  c.input_s3_data_type = std::move(input_s3_data_type);
  c.model_name_or_path = std::move(model_name_or_path);
  if (!recipe.hyperpod_payload.empty()) c.hyperpod_payload_template = recipe.hyperpod_payload;

  TrainingPlan& p = job.plan;
  p.job_name = c.job_name;
  p.recipe_yaml = recipe.yaml;
  p.recipe_file = recipe.file_path;
  p.recipe_name = recipe.recipe_name;
  p.recipe_origin = recipe.origin;
  p.image_uri = recipe.image_uri;
  p.instance_type = s.infra->instance_type();
  p.instance_count = s.infra->instance_count();
  p.data_s3_path = recipe.data_s3_path;
  p.output_s3_path = recipe.output_s3_path;

  std::string role_to_check;
  if (const auto* smtj = dynamic_cast<const SMTJRuntimeManager*>(s.infra.get())) {
    const SMTJJobPlan runtime_plan = smtj->plan(c);
    p.request_json = runtime_plan.request_json;
    p.execution_role = runtime_plan.role_arn;
    if (!runtime_plan.creates_default_role) role_to_check = runtime_plan.role_arn;
  } else if (const auto* hyperpod = dynamic_cast<const SMHPRuntimeManager*>(s.infra.get())) {
    const SMHPJobPlan runtime_plan = hyperpod->plan(c);
    p.job_name = runtime_plan.job_name;
    p.hyperpod_objects_yaml = runtime_plan.objects_yaml;
    p.hyperpod_template_origin = runtime_plan.template_origin;
    p.hyperpod_namespace = runtime_plan.namespace_name;
  }
  const std::string problems = s.preflight_problems(recipe.data_s3_path, role_to_check, recipe.output_s3_path, job_name);
  if (!problems.empty()) throw ValueError(problems);
  return job;
}

TrainingPlan NovaModelCustomizer::plan_training(const TrainOptions& options) {
  return impl_->prepare(options).plan;
}

std::shared_ptr<TrainingResult> NovaModelCustomizer::train(const TrainOptions& options) {
  Impl& s = *impl_;
  PreparedJob job = s.prepare(options);
  if (options.dry_run) return nullptr;
  const auto started = std::chrono::system_clock::now();
  const std::string job_id = s.infra->execute(job.config);
  s.job_id = job_id;
  s.training_job_id = job_id;
  s.job_started_time = started;
  if (s.infra->platform() == Platform::SMTJ) {
    ModelArtifacts artifacts{std::nullopt, job.plan.output_s3_path};
    try {
      artifacts = SMTJTrainingResult::describe_model_artifacts(job_id, s.options.aws);
    } catch (const Error&) {
      // The job exists; its checkpoint location can be read again from the result later.
    }
    return std::make_shared<SMTJTrainingResult>(job_id, started, s.method, artifacts, s.model);
  }
  const auto* hp = dynamic_cast<const SMHPRuntimeManager*>(s.infra.get());
  ModelArtifacts artifacts{std::nullopt, job.plan.output_s3_path};
  try {
    artifacts.checkpoint_s3_path = hp->checkpoint_s3_path();
  } catch (const Error&) {
    // The job runs; the checkpoint location is the cluster's, readable again later.
  }
  return std::make_shared<SMHPTrainingResult>(job_id, started, s.method, artifacts, hp->cluster_name(), s.model,
                                              hp->namespace_name());
}

}  // namespace nova
