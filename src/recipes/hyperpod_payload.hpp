#pragma once
// A hub HyperPod payload is a multi-document k8s manifest rendered by helm. The recipe is
// the `config.yaml: |-` block of the document whose `# Source:` line ends with
// `training-config.yaml`; the training image is the `pytorch` container's image.

#include <optional>
#include <string>

namespace nova::recipes {

// The dedented recipe text. RFT payloads lose their `task_type:` lines (the reference SDK
// removes them). @throws ValueError when the payload holds no training config.
std::string extract_hyperpod_recipe(const std::string& payload, bool rft);

// The image of the container named `pytorch`, if the payload writes one out (a `{{...}}`
// placeholder is none).
std::optional<std::string> find_pytorch_image(const std::string& payload);

}  // namespace nova::recipes
