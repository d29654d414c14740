#include <fmt/format.h>

#include <filesystem>
#include <mutex>

#include "aws/session/session_for.hpp"
#include "core/log.hpp"
#include "core/noted_create.hpp"
#include "nova/runtime.hpp"
#include "runtime/execution_role.hpp"
#include "runtime/recipe_upload.hpp"
#include "runtime/smtj_create.hpp"
#include "runtime/smtj_request.hpp"

namespace nova {

namespace {

// Everything a launch needs, resolved once for plan() and execute().
struct Prepared {
  std::shared_ptr<const aws::Session> session;
  std::string region;
  std::string account;
  std::string partition;
  runtime::PlannedRole role;
  runtime::RecipeLocation recipe;
  aws::CreateTrainingJobRequest request;
};

}  // namespace

struct SMTJRuntimeManager::Impl {
  AwsOptions aws;
  std::mutex mutex;
  std::shared_ptr<const aws::Session> session;

  // Resolved on first use, so constructing a manager needs no configuration.
  std::shared_ptr<const aws::Session> get_session() {
    std::lock_guard lock(mutex);
    if (!session) session = aws::session_for(aws);
    return session;
  }

  Prepared prepare(const SMTJRuntimeManager& manager, const JobConfig& job);
};


SMTJRuntimeManager::SMTJRuntimeManager(std::string instance_type, int instance_count,
                                       std::optional<std::string> execution_role,
                                       std::optional<std::string> kms_key_id, bool encrypt_inter_container_traffic,
                                       std::optional<std::vector<std::string>> subnets,
                                       std::optional<std::vector<std::string>> security_group_ids, AwsOptions aws)
    : RuntimeManager(std::move(instance_type), instance_count, std::move(kms_key_id)),
      execution_role_(std::move(execution_role)),
      encrypt_inter_container_traffic_(encrypt_inter_container_traffic),
      subnets_(std::move(subnets)),
      security_group_ids_(std::move(security_group_ids)),
      impl_(std::make_unique<Impl>()) {
  impl_->aws = std::move(aws);
  const bool has_subnets = subnets_ && !subnets_->empty();
  const bool has_groups = security_group_ids_ && !security_group_ids_->empty();
  // SageMaker's VpcConfig needs both; one alone would be silently dropped.
  if (has_subnets != has_groups) {
    throw ValueError(
        "subnets and security_group_ids must be given together (SageMaker's VpcConfig needs both), or neither.");
  }
  if (execution_role_ && !execution_role_->empty() && execution_role_->rfind("arn:", 0) != 0) {
    throw ValueError(fmt::format("execution_role '{}' must be an IAM role ARN (arn:aws:iam::<account>:role/<name>).",
                                 *execution_role_));
  }
}

SMTJRuntimeManager::~SMTJRuntimeManager() = default;

Prepared SMTJRuntimeManager::Impl::prepare(const SMTJRuntimeManager& manager, const JobConfig& job) {
  runtime::validate_job_config(job);
  if (!std::filesystem::is_regular_file(job.recipe_path)) {
    throw ValueError(fmt::format("Recipe file '{}' does not exist: JobConfig.recipe_path must name a local YAML file.",
                                 job.recipe_path));
  }
  const std::string model = runtime::resolve_model_name_or_path(job);

  Prepared p;
  p.session = get_session();
  p.region = p.session->region().region;
  const aws::GetCallerIdentityResult id = p.session->sts().get_caller_identity();
  p.account = id.account;
  p.partition = runtime::arn_partition(id.arn);
  p.role = runtime::plan_execution_role(manager.execution_role(), id.arn, id.account);
  p.recipe = runtime::recipe_location(runtime::default_bucket(p.region, p.account), job.recipe_path,
                                      std::chrono::system_clock::now());

  runtime::SmtjSettings settings;
  settings.instance_type = manager.instance_type();
  settings.instance_count = manager.instance_count();
  settings.kms_key_id = manager.kms_key_id();
  settings.encrypt_inter_container_traffic = manager.encrypt_inter_container_traffic();
  settings.subnets = manager.subnets().value_or(std::vector<std::string>{});
  settings.security_group_ids = manager.security_group_ids().value_or(std::vector<std::string>{});
  p.request = runtime::build_training_job_request(settings, job, p.role.arn, p.recipe, model);
  return p;
}

SMTJJobPlan SMTJRuntimeManager::plan(const JobConfig& job_config) const {
  const Prepared p = impl_->prepare(*this, job_config);
  SMTJJobPlan plan;
  plan.job_name = p.request.training_job_name;
  plan.role_arn = p.role.arn;
  plan.creates_default_role = p.role.is_default_role;
  plan.recipe_s3_uri = p.recipe.uri();
  plan.request_json = aws::to_request_json(p.request);
  return plan;
}

std::string SMTJRuntimeManager::execute(const JobConfig& job_config) {
  Prepared p = impl_->prepare(*this, job_config);
  if (p.role.is_default_role) {
    aws::IamClient iam = p.session->iam();
    p.request.role_arn = runtime::ensure_default_role(iam, p.partition);
  }
  aws::S3Client s3 = p.session->s3();
  runtime::ensure_default_bucket(s3, p.recipe.bucket, p.region, p.account);
  runtime::upload_recipe(s3, job_config.recipe_path, p.recipe);
  const std::string arn = core::create_noted(
      [&] { return runtime::create_training_job_once(*p.session, p.request); },
      fmt::format("training job {} was created and is running; stop it with `nova job stop {}`",
                  p.request.training_job_name, p.request.training_job_name));
  if (core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("Started training job {} ({})", p.request.training_job_name, arn));
  }
  return p.request.training_job_name;
}

void SMTJRuntimeManager::cleanup(const std::string& job_name) {
  validate_smtj_job_name(job_name);
  impl_->get_session()->sagemaker().stop_training_job(job_name);
}

}  // namespace nova
