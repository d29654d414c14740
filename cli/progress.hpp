#pragma once
// The progress line for S3 transfers: on stderr, only when stderr is a terminal and neither
// NO_COLOR nor CI is set, only for transfers over a few MB. Silent otherwise (pipes, logs).

namespace nova::cli {

void install_progress_line();

}  // namespace nova::cli
