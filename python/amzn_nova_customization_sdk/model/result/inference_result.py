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


@_register
class SMTJBatchInferenceResult(InferenceResult):
    """A batch inference job on SageMaker: job_id, started_time, inference_output_path."""

    def __init__(self, job_id: str, started_time, inference_output_path: str):
        self._core = _core.SMTJBatchInferenceResult(job_id, _to_iso(started_time), inference_output_path)

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


__all__ = ["InferenceResult", "SMTJBatchInferenceResult"]
