"""Runtime managers: where a job runs. SMTJRuntimeManager starts SageMaker training jobs;
SMHPRuntimeManager targets a SageMaker HyperPod cluster."""
import logging
from abc import ABC
from dataclasses import dataclass
from typing import List, Optional

from .. import _core
from .._delegate import core_property

logger = logging.getLogger(__name__)

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
    encrypt_inter_container_traffic = core_property("encrypt_inter_container_traffic")
    subnets = core_property("subnets")
    security_group_ids = core_property("security_group_ids")


class SMHPRuntimeManager(RuntimeManager):
    """Runs jobs on a SageMaker HyperPod cluster (launching arrives with native HyperPod support)."""

    def __init__(self, instance_type: str, instance_count: int, cluster_name: str, namespace: str,
                 kms_key_id: Optional[str] = None):
        self._core = _core.SMHPRuntimeManager(instance_type, instance_count, cluster_name, namespace, kms_key_id)

    cluster_name = core_property("cluster_name", "The HyperPod cluster.")
    namespace = core_property("namespace", "The Kubernetes namespace.")
