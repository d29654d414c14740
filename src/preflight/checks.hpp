#pragma once
// The pre-flight checks. Each appends what it found to `out` (one or more PreflightChecks)
// and never throws for what AWS answers: an error is a finding with its fix.

#include <vector>

#include "nova/preflight.hpp"
#include "preflight/run_context.hpp"

namespace nova::preflight {

using Checks = std::vector<PreflightCheck>;

PreflightCheck pass(std::string name, std::string detail);
PreflightCheck warn(std::string name, std::string detail, std::string fix);
PreflightCheck fail(std::string name, std::string detail, std::string fix);

void check_credentials(const RunContext& c, Checks& out);
void check_region(const RunContext& c, Checks& out);
void check_recipe(const RunContext& c, Checks& out);       // model x method x platform; instance type and count
void check_quota(const RunContext& c, Checks& out);        // Service Quotas minus current use
void check_permissions(const RunContext& c, Checks& out);  // the caller, through IAM's simulator
void check_execution_role(const RunContext& c, Checks& out);
void check_buckets(const RunContext& c, Checks& out);
void check_kms_key(const RunContext& c, Checks& out);
void check_data(const RunContext& c, Checks& out);
void check_hyperpod(const RunContext& c, Checks& out);

}  // namespace nova::preflight
