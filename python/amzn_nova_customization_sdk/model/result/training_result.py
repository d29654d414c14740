"""Training job results."""
from abc import ABC
from typing import Optional

from ... import _core
from ..._delegate import core_property
from ..._enum_tables import by_name
from ..model_config import ModelArtifacts
from ..model_enums import Model, TrainingMethod
from .job_result import BaseJobResult, _register, _to_iso


class TrainingResult(BaseJobResult, ABC):
    """A training job's result: job_id, started_time, method, model_artifacts."""

    @property
    def method(self) -> TrainingMethod:
        """The training method."""
        return TrainingMethod[self._core.method]

    @property
    def model_artifacts(self) -> ModelArtifacts:
        """Where the job leaves its checkpoint and outputs."""
        return ModelArtifacts(checkpoint_s3_path=self._core.checkpoint_s3_path,
                              output_s3_path=self._core.output_s3_path)

    @property
    def model_type(self) -> Optional[Model]:
        """The trained model, when the result records it."""
        name = self._core.model_type
        return Model[name] if name else None


@_register
class SMTJTrainingResult(TrainingResult):
    """A SageMaker training job's result."""

    def __init__(self, job_id: str, started_time, method: TrainingMethod, model_artifacts: ModelArtifacts,
                 model_type: Optional[Model] = None):
        self._core = _core.SMTJTrainingResult(
            job_id, _to_iso(started_time), by_name(TrainingMethod, method, "method"),
            model_artifacts.checkpoint_s3_path, model_artifacts.output_s3_path,
            by_name(Model, model_type, "model_type") if model_type is not None else None)


@_register
class SMHPTrainingResult(TrainingResult):
    """A SageMaker HyperPod job's result."""

    def __init__(self, job_id: str, started_time, method: TrainingMethod, model_artifacts: ModelArtifacts,
                 cluster_name: str, model_type: Optional[Model] = None, namespace: str = "kubeflow"):
        self._core = _core.SMHPTrainingResult(
            job_id, _to_iso(started_time), by_name(TrainingMethod, method, "method"),
            model_artifacts.checkpoint_s3_path, model_artifacts.output_s3_path, cluster_name,
            by_name(Model, model_type, "model_type") if model_type is not None else None, namespace)

    cluster_name = core_property("cluster_name", "The HyperPod cluster.")
    namespace = core_property("namespace", "The Kubernetes namespace.")


__all__ = ["TrainingResult", "SMTJTrainingResult", "SMHPTrainingResult"]
