#pragma once
// Names, tokens and tags of Bedrock deployments: the default endpoint name, the name rules
// checked before anything is created, the imported model's name and its clientRequestToken
// (both derived from the artifact so a re-run asks for the same thing), and the tag values
// that record where a model or deployment came from.

#include <optional>
#include <string>
#include <vector>

#include "aws/bedrock/bedrock_types.hpp"
#include "nova/enums.hpp"

namespace nova::deploy {

// The tag carrying the artifact URI (the later reference's key, so both SDKs find each other's models).
inline constexpr const char* kEscrowUriTag = "sagemaker.amazonaws.com/forge/escrow-uri";
inline constexpr const char* kTrainingJobTag = "nova-sdk:training-job";
inline constexpr const char* kCustomModelTag = "nova-sdk:custom-model";

// "<model>-<method>-<region>" (BEDROCK_*) or "<model>-<method>-sagemaker", lower case, '_' -> '-'.
std::string default_endpoint_name(Model model, TrainingMethod method, DeployPlatform platform, const std::string& region);

// @throws nova::ValueError naming the rule broken: 1-63 characters, letters, digits and single
// '-' or '_' between them, starting with a letter or digit.
void check_endpoint_name(const std::string& name, DeployPlatform platform);

// The first 12 hex digits of SHA-256(artifact path): the part of the model name that says
// which checkpoint it holds (found again with ListCustomModels nameContains).
std::string artifact_digest(const std::string& artifact_path);
// "<endpoint name, cut>-<digest>" and, for the attempt after `failed` failed imports, "-r<n>".
std::string imported_model_name(const std::string& endpoint_name, const std::string& artifact_path, int failed = 0);

// The escrow tag's value: the URI when it fits Bedrock's tag rules (<= 256 characters of
// [a-zA-Z0-9 ._:/=+@-]); a longer one is cut to 224 + '-' + 31 hex digits of its SHA-256
// (the reference's rule); one with other characters becomes "sha256:<hex>".
std::string escrow_tag_value(const std::string& artifact_path);
// A tag when `value` fits Bedrock's tag rules, else nothing (lineage tags are best effort).
std::optional<aws::BedrockTag> lineage_tag(const std::string& key, const std::string& value);

}  // namespace nova::deploy
