#pragma once
// Passing pre-flight reports, kept for a minute so `nova doctor` followed by `nova train`
// (or train() right after doctor in one process) does not repeat every call. Kept in this
// process and in <cache dir>/preflight/<sha256 of the key>.json (0600), where the cache dir
// is the recipe catalogue's (NOVA_CACHE_DIR, XDG_CACHE_HOME/nova-sdk, ~/.cache/nova-sdk).
// NOVA_PREFLIGHT_CACHE_SECONDS overrides the minute (0: no cache).

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "nova/preflight.hpp"

namespace nova::preflight {

// The key of a run: every request field and where and as whom it runs (profile,
// region, endpoint and credential variables, hashed: nothing secret is written).
std::string cache_key(const PreflightRequest& request, const std::string& region);

// A passing report of `key` younger than the cache lifetime that ran at least `groups`.
std::optional<PreflightReport> cached_report(const std::string& key, unsigned groups);
void remember_report(const std::string& key, unsigned groups, const PreflightReport& report);

// {"ok", "checks": [{"name", "status", "detail", "fix"}]}, keys in that order.
nlohmann::ordered_json report_json(const PreflightReport& report);

}  // namespace nova::preflight
