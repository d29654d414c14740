#include <fmt/format.h>

#include <regex>

#include "nova/runtime.hpp"

namespace nova {
namespace {

void check_instance_count(int count) {
  if (count < 1) throw ValueError(fmt::format("instance_count must be at least 1, got {}.", count));
}

}  // namespace

RuntimeManager::RuntimeManager(std::string instance_type, int instance_count, std::optional<std::string> kms_key_id)
    : instance_type_(std::move(instance_type)), instance_count_(instance_count), kms_key_id_(std::move(kms_key_id)) {
  if (instance_type_.empty()) throw ValueError("instance_type is required, e.g. ml.p5.48xlarge.");
  check_instance_count(instance_count_);
}

RuntimeManager::~RuntimeManager() = default;

void RuntimeManager::set_instance_count(int count) {
  check_instance_count(count);
  instance_count_ = count;
}

SMHPRuntimeManager::SMHPRuntimeManager(std::string instance_type, int instance_count, std::string cluster_name,
                                       std::string namespace_, std::optional<std::string> kms_key_id)
    : RuntimeManager(std::move(instance_type), instance_count, std::move(kms_key_id)),
      cluster_name_(std::move(cluster_name)),
      namespace_name_(std::move(namespace_)) {
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

std::string SMHPRuntimeManager::execute(const JobConfig& /*job_config*/) {
  throw NotImplementedError(
      "SMHPRuntimeManager.execute: launching HyperPod jobs arrives with issue #9 (native HyperPod).");
}

void SMHPRuntimeManager::cleanup(const std::string& /*job_name*/) {
  throw NotImplementedError(
      "SMHPRuntimeManager.cleanup: cancelling HyperPod jobs arrives with issue #9 (native HyperPod).");
}

}  // namespace nova
