#pragma once
// Whether output on a file descriptor may use live lines and escape sequences: only on a
// terminal, never when NO_COLOR (https://no-color.org) is set or TERM is "dumb". Everything
// else (pipes, files, CI logs) gets plain, stable text.

namespace nova::cli {

bool live_terminal(int fd);

}  // namespace nova::cli
