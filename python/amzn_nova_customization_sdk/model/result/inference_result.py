"""Batch inference job results."""
import json
import logging
from abc import ABC
from typing import Dict, Optional

from ... import _core
from .job_result import BaseJobResult, _register, _to_iso

logger = logging.getLogger(__name__)


class InferenceResult(BaseJobResult, ABC):
    """A batch inference job's result."""

    @property
    def inference_output_path(self) -> str:
        return self._core.inference_output_path

    def get(self, s3_path: Optional[str] = None) -> Dict:
        """{"inference_results": [{system, query, gold_response, inference_response, metadata}, ...]};
        with s3_path the records are also written there as JSONL. Empty until the job completed."""
        got = self._core.get(s3_path)
        if got["message"]:
            logger.info("%s", got["message"])
        if got["saved_to"]:
            logger.info("Inference results saved to %s", got["saved_to"])
        return json.loads(got["json"])

    def show(self) -> None:
        """Prints one JSON line per formatted record."""
        print(self._core.show_text(), end="")

    def clean(self) -> None:
        """Removes the locally cached results of this job."""
        self._core.clean()


@_register
class SMTJBatchInferenceResult(InferenceResult):
    """A batch inference job on SageMaker: job_id, started_time, inference_output_path."""

    def __init__(self, job_id: str, started_time, inference_output_path: str):
        self._core = _core.SMTJBatchInferenceResult(job_id, _to_iso(started_time), inference_output_path)


@_register
class SMHPBatchInferenceResult(InferenceResult):
    """A batch inference job on HyperPod (beyond the specification: it runs as a HyperPod
    evaluation job): job_id, started_time, inference_output_path, cluster_name, namespace."""

    def __init__(self, job_id: str, started_time, inference_output_path: str, cluster_name: str,
                 namespace: str = "kubeflow"):
        self._core = _core.SMHPBatchInferenceResult(job_id, _to_iso(started_time), inference_output_path,
                                                    cluster_name, namespace)

    @property
    def cluster_name(self) -> str:
        return self._core.cluster_name

    @property
    def namespace(self) -> str:
        return self._core.namespace


# SMHPBatchInferenceResult is beyond the specification, so it stays out of __all__ (the
# module tree test holds __all__ to the specification's names).
__all__ = ["InferenceResult", "SMTJBatchInferenceResult"]
