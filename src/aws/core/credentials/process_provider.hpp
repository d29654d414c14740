#pragma once
// credential_process: runs an external command and reads credentials from its stdout.
// The command is split into words the POSIX way (quotes, backslashes) by us and started with
// posix_spawnp: no shell ever sees it, so `$`, `;`, `|`, globs and the like are plain text.

#include <string>
#include <vector>

#include "aws/core/credentials/credentials.hpp"

namespace nova::aws {

// POSIX word splitting without expansion: blanks separate words; '...' is literal; "..."
// honours \" \\ \$ \` and backslash-newline; a backslash outside quotes escapes the next
// character. Throws nova::ConfigError for an unterminated quote or an empty command.
std::vector<std::string> split_command(const std::string& command);

struct ProcessOutput {
  int exit_code{-1};    // -1 when killed by a signal
  int term_signal{0};   // the signal, when killed by one
  std::string out;      // stdout (capped at 1 MiB)
  std::string err;      // stderr (capped at 64 KiB)
};

// Runs argv[0] (searched in PATH) with the given arguments, stdin inherited, stdout and
// stderr captured. Throws nova::ConfigError when the program cannot be started.
ProcessOutput run_process(const std::vector<std::string>& argv);

// Runs the command on every get(); wrap it in RefreshingCredentialsProvider to cache.
// Source "process".
class ProcessCredentialsProvider final : public CredentialsProvider {
 public:
  ProcessCredentialsProvider(std::string command, std::string profile_name);
  // Throws nova::ConfigError on a start failure, non-zero exit or a bad document. The message
  // carries the exit status and (on failure) the tail of stderr, never stdout.
  Credentials get() override;

 private:
  std::vector<std::string> argv_;
  std::string what_;
};

}  // namespace nova::aws
