#pragma once
// CreateTrainingJob exactly once. SageMaker takes no client token for it, so the unique job
// name we generated is the key: after an answer that was lost, the job is described by name
// and claimed when it is ours (same role, image, inputs and output), refused when it is not.
// Training, evaluation and batch inference are all training jobs and all come through here.

#include <string>
#include <vector>

#include "aws/sagemaker/sagemaker_types.hpp"
#include "aws/session/session.hpp"

namespace nova::runtime {

// Returns the job's ARN. @throws ServiceError: the create's own error; "ResourceInUse" for a
// job of that name that is not ours (naming what differs); "OutcomeUnknown" when it could
// not be told whether the job exists (naming the job and how to check).
std::string create_training_job_once(const aws::Session& session, const aws::CreateTrainingJobRequest& request);

// What differs between the job `request` asks for and an existing job (its
// DescribeTrainingJob JSON), one "what: existing (asked for X)" line each; empty when the job
// is this request's.
std::vector<std::string> training_job_differences(const aws::CreateTrainingJobRequest& request,
                                                  const std::string& describe_json);

}  // namespace nova::runtime
