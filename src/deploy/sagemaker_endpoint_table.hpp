#pragma once
// The SageMaker Nova inference table (data/sagemaker_inference.json): the inference image
// per region and the (max context length, max concurrency) tiers per model and instance type.

#include <string>
#include <utility>
#include <vector>

#include "nova/enums.hpp"

namespace nova::deploy {

struct InferenceTier {
  int max_context_length{0};
  int max_concurrency{0};
};

struct InferenceDefaults {
  int context_length{0};
  int max_concurrency{0};
  std::string instance_type;
};

const InferenceDefaults& sagemaker_inference_defaults();

// "<account>.dkr.ecr.<region>.amazonaws.com/nova-inference-repo:SM-Inference-latest".
// @throws nova::ValueError for a region without the image, listing the regions that have it.
std::string sagemaker_inference_image(const std::string& region);

// The tiers of `model` on `instance_type`.
// @throws nova::ValueError for an instance type the model does not run on, listing those it does.
const std::vector<InferenceTier>& sagemaker_inference_tiers(Model model, const std::string& instance_type);

// Checks (context_length, max_concurrency) fits a tier of the model on the instance type.
// @throws nova::ValueError naming the values and listing the allowed tiers.
void check_sagemaker_inference_tier(Model model, const std::string& instance_type, int context_length,
                                    int max_concurrency);

}  // namespace nova::deploy
