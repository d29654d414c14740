#pragma once
/// @file
/// The CloudWatch logs of a job result (the reference's CloudWatchLogMonitor.from_job_result)
/// and the time arguments of get_logs().

#include <cstdint>
#include <string_view>

#include "nova/logs.hpp"
#include "nova/results.hpp"

namespace nova {

/// A monitor for the result's job: its id, platform, start time, and for HyperPod results
/// its cluster and namespace; calls go where the result's aws_options() point.
/// @throws ValueError a HyperPod result without a cluster name
CloudWatchLogMonitor log_monitor_for(const BaseJobResult& result);

/// A log time bound: epoch milliseconds (`1767225600000`) or ISO 8601 / Python isoformat
/// (`2026-01-01T00:00:00Z`, no offset: UTC).
/// @throws ValueError naming the text and both accepted forms
std::int64_t parse_log_time(std::string_view text);

}  // namespace nova
