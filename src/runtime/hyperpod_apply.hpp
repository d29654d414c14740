#pragma once
// Creating and deleting a job's objects on the cluster.

#include <string>

#include "aws/kubernetes/kube_client.hpp"
#include "runtime/hyperpod_objects.hpp"

namespace nova::runtime {

// Creates the objects in order, all or nothing: when one is refused, those created before
// it are deleted and the error rethrown. When a create's outcome is unknown (connection lost
// after sending, 5xx, 429) or the answer is 409, the object is looked up: carrying this
// job's label it counts as created; carrying another's (or none) it is a conflict, a
// ValueError naming the object and its owner; absent, the create is sent again.
// Interrupts: each create is let finish (its outcome must be known). An interrupt before the
// last object is created removes those created and throws InterruptedError: nothing of the
// job runs yet. Once the last is in, the job runs: `note` (when not empty) is recorded with
// note_created and the interrupt is left to the caller's next check.
void create_hyperpod_objects(aws::kubernetes::KubeClient& kube, const RenderedHyperPodJob& job,
                             const std::string& job_name, const std::string& note = {});

// Deletes every object labelled with the job in `ns`, plus the PyTorchJob `job_name` and
// ConfigMap `training-config-<job_name>` when present (jobs the reference's helm chart
// created carry no label of ours). @return how many objects were deleted.
int delete_hyperpod_objects(aws::kubernetes::KubeClient& kube, const std::string& ns, const std::string& job_name);

}  // namespace nova::runtime
