#include "deploy/bedrock_names.hpp"

#include <cctype>

#include <fmt/format.h>

#include "aws/core/sigv4/crypto.hpp"
#include "core/text.hpp"
#include "nova/error.hpp"

namespace nova::deploy {
namespace {

constexpr std::size_t kMaxNameLength = 63;
constexpr std::size_t kMaxTagValue = 256;

std::string slug(std::string_view text) {
  std::string out = core::ascii_lower(text);
  for (char& c : out) {
    if (c == '_' || c == '.') c = '-';
  }
  return out;
}

bool tag_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view(" ._:/=+@-").find(c) != std::string_view::npos;
}

bool fits_tag(const std::string& value) {
  for (char c : value) {
    if (!tag_char(c)) return false;
  }
  return true;
}

}  // namespace

std::string default_endpoint_name(Model model, TrainingMethod method, DeployPlatform platform, const std::string& region) {
  const std::string where = platform == DeployPlatform::SAGEMAKER ? std::string("sagemaker") : region;
  return slug(fmt::format("{}-{}-{}", to_string(model), to_string(method), where));
}

void check_endpoint_name(const std::string& name, DeployPlatform platform) {
  const auto refuse = [&](const std::string& why) {
    throw ValueError(fmt::format("endpoint_name '{}' cannot name a {} deployment: {}; use 1-{} letters and digits, "
                                 "with single '-' or '_' between them (e.g. 'my-nova-model')",
                                 name, to_string(platform), why, kMaxNameLength));
  };
  if (name.empty()) refuse("it is empty");
  if (name.size() > kMaxNameLength) refuse(fmt::format("it has {} characters", name.size()));
  if (std::isalnum(static_cast<unsigned char>(name.front())) == 0) refuse("it must start with a letter or digit");
  bool previous_separator = false;
  for (char c : name) {
    const bool separator = c == '-' || c == '_';
    if (!separator && std::isalnum(static_cast<unsigned char>(c)) == 0) refuse(fmt::format("'{}' is not allowed", c));
    if (separator && previous_separator) refuse("two separators in a row");
    previous_separator = separator;
  }
  if (platform == DeployPlatform::SAGEMAKER && name.find('_') != std::string::npos) {
    refuse("SageMaker endpoint names take '-' but not '_'");
  }
}

std::string artifact_digest(const std::string& artifact_path) { return aws::sha256_hex(artifact_path).substr(0, 12); }

std::string imported_model_name(const std::string& endpoint_name, const std::string& artifact_path, int failed) {
  const std::string suffix = "-" + artifact_digest(artifact_path) + (failed > 0 ? fmt::format("-r{}", failed + 1) : "");
  std::string head = endpoint_name.substr(0, kMaxNameLength - suffix.size());
  while (!head.empty() && (head.back() == '-' || head.back() == '_')) head.pop_back();
  return head + suffix;
}

std::string escrow_tag_value(const std::string& artifact_path) {
  if (!fits_tag(artifact_path)) return "sha256:" + aws::sha256_hex(artifact_path);
  if (artifact_path.size() <= kMaxTagValue) return artifact_path;
  return artifact_path.substr(0, 224) + "-" + aws::sha256_hex(artifact_path).substr(0, 31);
}

std::optional<aws::BedrockTag> lineage_tag(const std::string& key, const std::string& value) {
  if (value.empty() || value.size() > kMaxTagValue || !fits_tag(value)) return std::nullopt;
  return aws::BedrockTag{key, value};
}

}  // namespace nova::deploy
