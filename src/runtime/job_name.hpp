#pragma once
// Unique SageMaker job names: `<job_name>-<uuid4>` cut to 63 characters.

#include <string>
#include <string_view>

namespace nova::runtime {

// unique_job_name() with a given uuid (tests).
std::string unique_job_name_with(std::string_view job_name, std::string_view uuid);

}  // namespace nova::runtime
