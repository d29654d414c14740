"""Runtime managers: where a job runs. SMTJRuntimeManager starts SageMaker training jobs;
SMHPRuntimeManager targets a SageMaker HyperPod cluster."""
import logging
from abc import ABC
from dataclasses import dataclass
from typing import Callable, List, Optional

from .. import _core
from .._delegate import core_property

logger = logging.getLogger(__name__)

# The reference's names; the plan and check dataclasses (beyond the specification) are
# imported by name.
__all__ = ["JobConfig", "RuntimeManager", "SMTJRuntimeManager", "SMHPRuntimeManager"]


@dataclass
class JobConfig:
    """What a runtime manager needs to start one job."""
    job_name: str
    image_uri: str
    recipe_path: str
    output_s3_path: Optional[str] = None
    data_s3_path: Optional[str] = None
    input_s3_data_type: Optional[str] = None
    mlflow_tracking_uri: Optional[str] = None
    mlflow_experiment_name: Optional[str] = None
    mlflow_run_name: Optional[str] = None


@dataclass
class SMTJJobPlan:
    """What SMTJRuntimeManager.execute() would do (beyond the specification): the job name, the
    execution role (and whether the default role would be created), where the recipe goes, and
    the CreateTrainingJob request as indented JSON."""
    job_name: str
    role_arn: str
    creates_default_role: bool
    recipe_s3_uri: str
    request_json: str


@dataclass
class SMHPJobPlan:
    """What SMHPRuntimeManager.execute() would create (beyond the specification): the job's
    name and namespace, which template made it, the objects ("Kind/name", in creation order)
    and their exact YAML."""
    job_name: str
    namespace: str
    template_origin: str
    objects: List[str]
    objects_yaml: str


@dataclass
class HyperPodCheck:
    """One line of SMHPRuntimeManager.check_infrastructure(): "cluster", "instances",
    "namespace", "pytorchjob-crd" or "rbac", whether it is ready, and what was found or, when
    missing, what is missing and its fix."""
    name: str
    ready: bool
    detail: str


class RuntimeManager(ABC):
    """Common base of the runtime managers: instance type and count, execute(), cleanup()."""

    _core: "_core.RuntimeManager"

    @property
    def instance_type(self) -> str:
        return self._core.instance_type

    @property
    def instance_count(self) -> int:
        return self._core.instance_count

    @instance_count.setter
    def instance_count(self, count: int) -> None:
        self._core.instance_count = count

    kms_key_id = core_property("kms_key_id", "The KMS key for S3 encryption, if given.")

    def execute(self, job_config: JobConfig) -> str:
        """Starts the job described by job_config and returns its id."""
        job_id = self._core.execute(job_config)
        logger.info("Started job %s", job_id)
        return job_id

    def cleanup(self, job_name: str) -> None:
        """Stops the job."""
        self._core.cleanup(job_name)


class SMTJRuntimeManager(RuntimeManager):
    """Runs jobs as SageMaker training jobs."""

    def __init__(self, instance_type: str, instance_count: int, execution_role: Optional[str] = None,
                 kms_key_id: Optional[str] = None, encrypt_inter_container_traffic: bool = False,
                 subnets: Optional[List[str]] = None, security_group_ids: Optional[List[str]] = None):
        self._core = _core.SMTJRuntimeManager(instance_type, instance_count, execution_role, kms_key_id,
                                              encrypt_inter_container_traffic, subnets, security_group_ids)

    execution_role = core_property("execution_role", "The execution role ARN, if given.")

    def plan(self, job_config: JobConfig) -> SMTJJobPlan:
        """What execute(job_config) would do, without doing it (sts:GetCallerIdentity only).
        Raises ValueError for an invalid job name, a missing recipe file or output path."""
        return SMTJJobPlan(**self._core.plan(job_config))
    encrypt_inter_container_traffic = core_property("encrypt_inter_container_traffic")
    subnets = core_property("subnets")
    security_group_ids = core_property("security_group_ids")


class SMHPRuntimeManager(RuntimeManager):
    """Runs jobs on a SageMaker HyperPod cluster (EKS), talking to its Kubernetes API directly."""

    def __init__(self, instance_type: str, instance_count: int, cluster_name: str, namespace: str,
                 kms_key_id: Optional[str] = None):
        self._core = _core.SMHPRuntimeManager(instance_type, instance_count, cluster_name, namespace, kms_key_id)

    cluster_name = core_property("cluster_name", "The HyperPod cluster.")
    namespace = core_property("namespace", "The Kubernetes namespace.")

    def plan(self, job_config: JobConfig) -> SMHPJobPlan:
        """The Kubernetes objects execute(job_config) would create, without contacting the
        cluster. Raises ValueError for a missing recipe file, a job name Kubernetes refuses, an
        instance type or region without HyperPod images."""
        return SMHPJobPlan(**self._core.plan(job_config))

    def check_infrastructure(self, check_instances: bool = True) -> List[HyperPodCheck]:
        """Is the cluster ready for this manager's jobs? Reports every check (cluster, instances,
        namespace, PyTorchJob CRD) instead of raising for a missing piece."""
        return [HyperPodCheck(**c) for c in self._core.check_infrastructure(check_instances)]

    def pod_logs(self, job_name: str, follow: bool = False,
                 on_chunk: Optional[Callable[[str], Optional[bool]]] = None) -> Optional[str]:
        """The job's pod logs (container `pytorch`), every pod after a "==> <pod> <==" line.
        Without on_chunk, returns the text. With on_chunk, hands it each piece as it arrives
        (returning False stops); with follow, streams the master pod until it ends; Ctrl-C
        interrupts. Raises ValueError when the job has no pods yet."""
        return self._core.pod_logs(job_name, follow, on_chunk)
