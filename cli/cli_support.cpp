#include "cli_support.hpp"

#include <fmt/format.h>
#include <iostream>

#include "nova/error.hpp"
#include "nova/interrupt.hpp"

namespace nova::cli {
namespace {
std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}
}  // namespace

Model parse_model_option(const std::string& text) {
  if (auto m = parse_model(text)) return *m;
  throw CLI::ValidationError("--model", fmt::format("unknown model '{}' (one of: {})", text, join(all_model_names())));
}

TrainingMethod parse_method_option(const std::string& text) {
  if (auto m = parse_training_method(text)) return *m;
  throw CLI::ValidationError("--method",
                             fmt::format("unknown method '{}' (one of: {})", text, join(all_training_method_names())));
}

EvaluationTask parse_eval_task_option(const std::string& text) {
  if (auto t = parse_evaluation_task(text)) return *t;
  throw CLI::ValidationError("--eval-task",
                             fmt::format("unknown task '{}' (one of: {})", text, join(all_evaluation_task_names())));
}

std::map<std::string, std::string> parse_mappings(const std::vector<std::string>& entries) {
  std::map<std::string, std::string> out;
  for (const auto& e : entries) {
    const auto eq = e.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == e.size()) {
      throw CLI::ValidationError("--map", fmt::format("'{}' is not standard=column (e.g. question=prompt)", e));
    }
    out[e.substr(0, eq)] = e.substr(eq + 1);
  }
  return out;
}

int run_guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const Exit& e) {
    return e.code;
  } catch (const CLI::Error& e) {
    std::cerr << "nova: " << e.what() << '\n';
    return kExitUsage;
  } catch (const ValidationError& e) {
    std::cerr << "nova: " << e.what() << '\n';
    return kExitFailed;
  } catch (const ServiceError& e) {
    // AWS answered with an error (message carries the code and request id, never a secret).
    std::cerr << "nova: " << e.what() << '\n';
    return kExitFailed;
  } catch (const InterruptedError& e) {
    // Everything unwound: temporary files are gone, multipart uploads aborted. Say what
    // outlives us, then exit as a shell expects of a signal (128 + its number).
    std::cerr << "nova: " << e.what() << "; nothing was left half-written.\n";
    for (const auto& what : created_resources()) std::cerr << "nova: " << what << '\n';
    return 128 + e.signal();
  } catch (const NotImplementedError& e) {
    std::cerr << "nova: not implemented: " << e.what() << '\n';
    return kExitUsage;
  } catch (const Error& e) {
    std::cerr << "nova: " << e.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "nova: internal error: " << e.what() << '\n';
    return kExitUsage;
  }
}

}  // namespace nova::cli
