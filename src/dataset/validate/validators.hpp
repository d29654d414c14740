#pragma once
// One validator per dataset format; make_validator picks among them.

#include <memory>

#include "dataset/validate/validator.hpp"

namespace nova::dataset {

std::unique_ptr<Validator> make_sft_validator(Model model);
std::unique_ptr<Validator> make_dpo_validator(Model model);  // Nova 1 models only
std::unique_ptr<Validator> make_rft_validator();
std::unique_ptr<Validator> make_cpt_validator();
std::unique_ptr<Validator> make_eval_validator();

}  // namespace nova::dataset
