"""HyperPod extras from Python against the AWS stand-in with the Kubernetes stand-in behind a
registered cluster: check_infrastructure() reports each check, pod_logs() of a job without pods
is a ValueError naming it, and a cluster that does not exist is reported, not raised."""
import unittest

from support import AwsStandin, HyperPodOnStandin

from amzn_nova_customization_sdk import SMHPRuntimeManager
from amzn_nova_customization_sdk.manager.runtime_manager import HyperPodCheck

AWS = None
HYPERPOD = None
CLUSTER = "py-hp"


def setUpModule():
    global AWS, HYPERPOD
    AWS = AwsStandin()
    HYPERPOD = HyperPodOnStandin(AWS)
    HYPERPOD.register_cluster(CLUSTER)


def tearDownModule():
    HYPERPOD.stop()
    AWS.stop()


def manager(cluster=CLUSTER, count=4, namespace="kubeflow"):
    return SMHPRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=count, cluster_name=cluster,
                              namespace=namespace)


class Infrastructure(unittest.TestCase):
    def test_a_ready_cluster_passes_every_check(self):
        checks = manager().check_infrastructure()
        self.assertTrue(all(isinstance(c, HyperPodCheck) for c in checks))
        self.assertEqual({c.name: c.ready for c in checks},
                         {"cluster": True, "instances": True, "namespace": True, "pytorchjob-crd": True,
                          "rbac": True},
                         [(c.name, c.detail) for c in checks])

    def test_missing_pieces_are_reported_with_what_was_found(self):
        checks = {c.name: c for c in manager(count=8, namespace="nova-missing-ns").check_infrastructure()}
        self.assertFalse(checks["instances"].ready)
        self.assertIn("4", checks["instances"].detail)
        self.assertFalse(checks["namespace"].ready)
        self.assertIn("nova-missing-ns", checks["namespace"].detail)

    def test_a_cluster_that_does_not_exist_is_reported(self):
        checks = {c.name: c for c in manager(cluster="py-hp-none").check_infrastructure()}
        self.assertFalse(checks["cluster"].ready)
        self.assertIn("py-hp-none", checks["cluster"].detail)


class PodLogs(unittest.TestCase):
    def test_a_job_without_pods_is_a_value_error_naming_it(self):
        with self.assertRaises(ValueError) as caught:
            manager().pod_logs("py-no-such-job")
        self.assertIn("py-no-such-job", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
