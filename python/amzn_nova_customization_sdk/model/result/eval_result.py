"""Evaluation job results: metrics download, table, TensorBoard upload, cache cleanup."""
import json
import logging
from abc import ABC
from typing import Dict, Optional

from ... import _core
from ..._enum_tables import by_name
from ...recipe.recipe_config import EvaluationTask
from .job_result import BaseJobResult, _register, _to_iso

logger = logging.getLogger(__name__)


class EvaluationResult(BaseJobResult, ABC):
    """An evaluation job's result: job_id, started_time, eval_task, eval_output_path."""

    @property
    def eval_task(self) -> EvaluationTask:
        return EvaluationTask[self._core.eval_task]

    @property
    def eval_output_path(self) -> str:
        return self._core.eval_output_path

    def get(self) -> Dict:
        """The evaluation's results file as a dict; {} (with a logged reason) until the job completed."""
        got = self._core.get()
        if got["message"]:
            logger.info("%s", got["message"])
        return json.loads(got["json"])

    def show(self) -> None:
        """Prints the metrics table (task, metric, value, stderr), or why there is none."""
        print(self._core.show_text(), end="")

    def upload_tensorboard_results(self, tensorboard_s3_path: Optional[str] = None) -> None:
        """Uploads the results' TensorBoard files to tensorboard_s3_path (default: beside the output)."""
        uploaded = self._core.upload_tensorboard_results(tensorboard_s3_path)
        logger.info("Uploaded %d TensorBoard file(s) for job %s", uploaded, self.job_id)

    def clean(self) -> None:
        """Removes the locally cached results of this job."""
        self._core.clean()


@_register
class SMTJEvaluationResult(EvaluationResult):
    """A SageMaker training job evaluation's result."""

    def __init__(self, job_id: str, eval_task: EvaluationTask, started_time, eval_output_path: str):
        self._core = _core.SMTJEvaluationResult(job_id, _to_iso(started_time),
                                                by_name(EvaluationTask, eval_task, "eval_task"), eval_output_path)


@_register
class SMHPEvaluationResult(EvaluationResult):
    """A HyperPod evaluation's result."""

    def __init__(self, job_id: str, eval_task: EvaluationTask, started_time, eval_output_path: str,
                 cluster_name: str, namespace: str = "kubeflow"):
        self._core = _core.SMHPEvaluationResult(job_id, _to_iso(started_time),
                                                by_name(EvaluationTask, eval_task, "eval_task"), eval_output_path,
                                                cluster_name, namespace)

    @property
    def cluster_name(self) -> str:
        return self._core.cluster_name


__all__ = ["EvaluationResult", "SMTJEvaluationResult", "SMHPEvaluationResult"]
