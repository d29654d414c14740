#include "runtime/hyperpod_apply.hpp"

#include <fmt/format.h>

#include <set>
#include <vector>

#include "aws/kubernetes/kube_paths.hpp"
#include "core/log.hpp"
#include "nova/error.hpp"
#include "nova/interrupt.hpp"
#include "runtime/hyperpod_settings.hpp"

namespace nova::runtime {
namespace {

namespace k8s = aws::kubernetes;

constexpr int kCreateAttempts = 3;

void log_info(const std::string& message) {
  if (core::log_enabled(core::LogLevel::kInfo)) core::log(core::LogLevel::kInfo, message);
}

std::string job_label_of(const nlohmann::json& object) {
  const auto labels = object.value("metadata", nlohmann::json::object()).value("labels", nlohmann::json::object());
  const auto it = labels.find(hyperpod_settings().job_label);
  return it != labels.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Deletes what was created, newest first; a failure here must not hide the original error.
void roll_back(k8s::KubeClient& kube, const std::vector<const HyperPodObject*>& created) {
  for (auto it = created.rbegin(); it != created.rend(); ++it) {
    try {
      kube.remove((*it)->path, false);
      log_info(fmt::format("Removed {} '{}' again", (*it)->kind(), (*it)->name()));
    } catch (const Error& e) {
      core::log(core::LogLevel::kWarn, fmt::format("Could not remove {} '{}' after a failed launch: {}. Delete it with "
                                                      "'nova job stop' or kubectl.", (*it)->kind(), (*it)->name(), e.what()));
    }
  }
}

// A create whose outcome is unknown: the request may have reached the server (connection
// lost after sending, a 5xx or 429 from a proxy in front of it).
bool ambiguous(const ServiceError& e) {
  if (e.http_status() == 0) return e.code() == "NetworkError" && e.retryable();
  return e.http_status() == 429 || e.http_status() >= 500;
}

// Whether the object now on the server is this job's (a create of ours that went through
// or a repeated launch); another's is a conflict named with whom it belongs to. Absent: false.
bool exists_as_ours(k8s::KubeClient& kube, const HyperPodObject& object, const std::string& job_name) {
  const auto existing = kube.get_if_exists(object.path);
  if (!existing) return false;
  const std::string owner = job_label_of(*existing);
  if (owner == job_name) return true;
  throw ValueError(fmt::format(
      "A {} named '{}' already exists in namespace '{}' and does not belong to job '{}' ({}): delete it or launch "
      "again (a new job name is drawn each time).",
      object.kind(), object.name(), object.body["metadata"].value("namespace", ""), job_name,
      owner.empty() ? "it carries no " + hyperpod_settings().job_label + " label"
                    : fmt::format("its {} label says '{}'", hyperpod_settings().job_label, owner)));
}

// Sends the create and settles its outcome: created (now, or by an earlier attempt whose
// answer was lost) or an error. A create is never repeated blindly: only when the object is
// found absent after an ambiguous failure.
void create_one(k8s::KubeClient& kube, const HyperPodObject& object, const std::string& job_name) {
  for (int attempt = 1;; ++attempt) {
    try {
      kube.create(object.collection_path, nlohmann::json(object.body));
      return;
    } catch (const ServiceError& e) {
      if (e.http_status() == 409) {
        if (exists_as_ours(kube, object, job_name)) {
          log_info(fmt::format("{} '{}' of job {} exists already", object.kind(), object.name(), job_name));
          return;
        }
        throw;  // gone again in between: the server's own answer is the clearest
      }
      if (!ambiguous(e) || attempt == kCreateAttempts) throw;
    }
    if (exists_as_ours(kube, object, job_name)) {
      log_info(fmt::format("{} '{}' was created although its answer was lost", object.kind(), object.name()));
      return;
    }
  }
}

}  // namespace

void create_hyperpod_objects(k8s::KubeClient& kube, const RenderedHyperPodJob& job, const std::string& job_name,
                             const std::string& note) {
  std::vector<const HyperPodObject*> created;
  for (const auto& object : job.objects) {
    try {
      {
        // Cut mid-way, a create's outcome would be unknown and its object could escape the roll-back.
        const DeferInterrupts defer;
        create_one(kube, object, job_name);
      }
      // Ours whichever attempt made it: the job name is drawn afresh for each launch.
      created.push_back(&object);
      // Ctrl-C before the set is complete undoes the launch: the user asked to stop, and
      // nothing of the job runs yet. Once the last object is in, the job runs and is noted.
      if (&object != &job.objects.back()) check_interrupt();
    } catch (...) {
      const DeferInterrupts defer;  // after Ctrl-C too: the removals must go out
      roll_back(kube, created);
      throw;
    }
  }
  if (!note.empty()) note_created(note);
}

int delete_hyperpod_objects(k8s::KubeClient& kube, const std::string& ns, const std::string& job_name) {
  const auto& resources = hyperpod_settings().resources;
  std::set<std::string> paths;
  std::vector<std::string> order;
  const auto add = [&](const std::string& path) {
    if (paths.insert(path).second) order.push_back(path);
  };
  // The workloads first (reverse creation order), so nothing restarts on a missing ConfigMap.
  add(k8s::pytorchjob_path(ns, job_name));
  for (auto it = resources.rbegin(); it != resources.rend(); ++it) {
    const auto& [kind, plural] = *it;
    std::string collection = kind == "PyTorchJob" ? k8s::pytorchjob_path(ns)
                             : kind == "Deployment" || kind == "StatefulSet" ? k8s::group_path("apps", "v1", ns, plural)
                             : kind == "Job" ? k8s::group_path("batch", "v1", ns, plural)
                                             : k8s::core_path(ns, plural);
    nlohmann::json items;
    try {
      items = kube.list(collection, fmt::format("{}={}", hyperpod_settings().job_label, job_name)).value("items", nlohmann::json::array());
    } catch (const k8s::KubeError& e) {
      // Only RFT jobs have services, secrets, deployments, ...; a role that may not list
      // them cannot have created them either.
      if ((e.http_status() == 403 || e.http_status() == 404) && kind != "PyTorchJob" && kind != "ConfigMap") continue;
      throw;
    }
    for (const auto& item : items) add(collection + "/" + item["metadata"].value("name", ""));
  }
  add(k8s::core_path(ns, "configmaps", "training-config-" + job_name));
  int deleted = 0;
  for (const auto& path : order) {
    if (kube.remove(path, false)) {
      ++deleted;
      log_info(fmt::format("Deleted {}", path));
    }
  }
  return deleted;
}

}  // namespace nova::runtime
