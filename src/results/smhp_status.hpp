#pragma once
// A HyperPod job's status from its PyTorchJob's conditions.
//
// The training operator appends each new condition last and flips an old Running to
// status "False" when the job ends, so the latest condition whose status is "True" says
// where the job is. Unlike the reference (last entry, anything unknown = FAILED):
// Restarting and Suspended are still in progress, and a job that is gone (deleted by
// cleanup / `nova job stop`, or kubectl) is Stopped, counted FAILED as SageMaker's Stopped is.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>

#include "nova/enums.hpp"

namespace nova::results {

// `job`: the PyTorchJob, none when the API server answered 404.
std::pair<JobStatus, std::string> hyperpod_job_status(const std::optional<nlohmann::json>& job);

}  // namespace nova::results
