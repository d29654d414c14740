#include <fmt/format.h>

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

}  // namespace nova
