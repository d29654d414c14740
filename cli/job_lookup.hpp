#pragma once
// The JOB argument of `nova job status|stop`: a result file written by `nova train` (or by
// either SDK's dump()), else the name of a SageMaker training job.

#include <memory>
#include <string>

#include "nova/aws.hpp"
#include "nova/results.hpp"

namespace nova::cli {

// A path to an existing file -> BaseJobResult::load; a SageMaker job name -> a result that
// asks DescribeTrainingJob. Throws CLI::ValidationError when `job` is neither.
std::unique_ptr<BaseJobResult> find_job(const std::string& job, const AwsOptions& aws);

}  // namespace nova::cli
