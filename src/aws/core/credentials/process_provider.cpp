#include "aws/core/credentials/process_provider.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>

#include "aws/core/credentials/credentials_util.hpp"

extern char** environ;

namespace nova::aws {
namespace {

constexpr std::size_t kMaxStdout = 1 << 20;
constexpr std::size_t kMaxStderr = 64 << 10;

class Fd {
 public:
  Fd() = default;
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_{-1};
};

void make_pipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw ConfigError(std::string("cannot create a pipe: ") + std::strerror(errno));
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
}

// Keeps printable text only (stderr goes into an error message).
std::string printable_tail(const std::string& s, std::size_t max) {
  std::string tail = s.size() > max ? s.substr(s.size() - max) : s;
  for (char& c : tail) {
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f) c = '?';
  }
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
  return tail;
}

// Removes every value of a secret-looking field found in `json_text` from `text`.
std::string scrub_secrets(std::string text, const std::string& json_text) {
  const auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (!doc.is_object()) return text;
  for (const char* field : {"SecretAccessKey", "SessionToken", "Token"}) {
    const auto it = doc.find(field);
    if (it == doc.end() || !it->is_string()) continue;
    const auto secret = it->get<std::string>();
    if (secret.empty()) continue;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
      text.replace(pos, secret.size(), "<redacted>");
    }
  }
  return text;
}

}  // namespace

std::vector<std::string> split_command(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\'') {
      const auto end = command.find('\'', i + 1);
      if (end == std::string::npos) throw ConfigError("credential_process has an unterminated single quote");
      word.append(command, i + 1, end - i - 1);
      i = end;
      in_word = true;
    } else if (c == '"') {
      in_word = true;
      for (++i;; ++i) {
        if (i >= command.size()) throw ConfigError("credential_process has an unterminated double quote");
        const char q = command[i];
        if (q == '"') break;
        if (q == '\\' && i + 1 < command.size()) {
          const char n = command[i + 1];
          if (n == '"' || n == '\\' || n == '$' || n == '`') {
            word += n;
            ++i;
            continue;
          }
          if (n == '\n') {
            ++i;
            continue;
          }
        }
        word += q;
      }
    } else if (c == '\\') {
      if (i + 1 >= command.size()) throw ConfigError("credential_process ends with a lone backslash");
      ++i;
      if (command[i] != '\n') {
        word += command[i];
        in_word = true;
      }
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) throw ConfigError("credential_process is empty");
  return words;
}

ProcessOutput run_process(const std::vector<std::string>& argv) {
  if (argv.empty()) throw ConfigError("no command to run");
  Fd out_r, out_w, err_r, err_w;
  make_pipe(out_r, out_w);
  make_pipe(err_r, err_w);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_w.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_w.get(), STDERR_FILENO);
  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw ConfigError("cannot run '" + argv[0] + "': " + std::strerror(rc));
  out_w.reset();
  err_w.reset();

  ProcessOutput result;
  pollfd fds[2] = {{out_r.get(), POLLIN, 0}, {err_r.get(), POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  const std::size_t caps[2] = {kMaxStdout, kMaxStderr};
  int open_fds = 2;
  char buf[8192];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const auto n = ::read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;  // ignored by poll from now on
        --open_fds;
        continue;
      }
      auto& sink = *sinks[i];
      const auto keep = std::min(static_cast<std::size_t>(n), caps[i] - std::min(caps[i], sink.size()));
      sink.append(buf, keep);
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.term_signal = WTERMSIG(status);
  }
  return result;
}

ProcessCredentialsProvider::ProcessCredentialsProvider(std::string command, std::string profile_name)
    : what_("credential_process for profile '" + profile_name + "'") {
  try {
    argv_ = split_command(command);
  } catch (const ConfigError& e) {
    throw ConfigError(what_ + ": " + e.what());
  }
}

Credentials ProcessCredentialsProvider::get() {
  ProcessOutput r;
  try {
    r = run_process(argv_);
  } catch (const ConfigError& e) {
    throw ConfigError(what_ + ": " + e.what());
  }
  if (r.exit_code != 0) {
    std::string msg = what_ + (r.term_signal != 0 ? " was killed by signal " + std::to_string(r.term_signal)
                                                  : " exited with status " + std::to_string(r.exit_code));
    const auto err = printable_tail(scrub_secrets(r.err, r.out), 512);
    if (!err.empty()) msg += ": " + err;
    throw ConfigError(msg);
  }
  return parse_credentials_json(r.out, {"SessionToken", true}, what_, "process");
}

}  // namespace nova::aws
