#pragma once
// The process-wide S3 transfer progress hook (nova::set_transfer_progress_handler): every
// layer that moves objects (dataset I/O, job output downloads) reports through it.

#include <cstdint>
#include <string>

namespace nova::aws {

// Calls the installed handler, if any, from the calling thread.
void report_transfer_progress(const std::string& uri, bool upload, std::uint64_t bytes, std::uint64_t total, bool done);

}  // namespace nova::aws
