"""Deployments beyond the specification: find, describe, list and delete the account's
deployments (Bedrock on-demand, provisioned throughput, SageMaker endpoints) and ask a deployed
model. Each function calls the compiled core; endpoints are EndpointInfo dataclasses."""
import logging
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Union

from .. import _core
from .model_config import EndpointInfo, InvokeResult, Messages

logger = logging.getLogger(__name__)

__all__ = ["DeploymentSummary", "InvokeResult", "find_deployment", "describe_deployment", "list_deployments",
           "delete_deployment", "invoke"]


@dataclass
class DeploymentSummary:
    """A deployment as AWS reports it now: its endpoint, raw status, creation time (ISO 8601 UTC)
    and lineage (training_job, checkpoint, model_arn, deployment_arn)."""
    endpoint: EndpointInfo
    status: str
    created_at: str
    lineage: Dict[str, Optional[str]]

    @classmethod
    def _from_core(cls, d) -> "DeploymentSummary":
        return cls(endpoint=EndpointInfo._from_core(d["endpoint"]), status=d["status"], created_at=d["created_at"],
                   lineage=dict(d["lineage"]))


def _endpoint_dict(endpoint: Union[EndpointInfo, str]) -> Dict[str, str]:
    if isinstance(endpoint, str):
        return _core.find_deployment(endpoint)
    if isinstance(endpoint, EndpointInfo):
        return endpoint._to_core()
    raise ValueError(f"endpoint: expected an EndpointInfo or a deployment name or ARN, got {type(endpoint).__name__}")


def find_deployment(name_or_arn: str) -> EndpointInfo:
    """The OD deployment, provisioned throughput or SageMaker endpoint with this name or ARN.
    Raises ValueError naming what was searched when none matches."""
    return EndpointInfo._from_core(_core.find_deployment(name_or_arn))


def describe_deployment(name_or_arn: str) -> DeploymentSummary:
    """find_deployment() with the current status and the lineage."""
    return DeploymentSummary._from_core(_core.describe_deployment(name_or_arn))


def list_deployments() -> List[DeploymentSummary]:
    """Every OD deployment, provisioned throughput and SageMaker endpoint in the region."""
    return [DeploymentSummary._from_core(d) for d in _core.list_deployments()]


def delete_deployment(endpoint: Union[EndpointInfo, str], poll_seconds: float = 60.0,
                      timeout_seconds: Optional[float] = None) -> None:
    """Deletes the deployment and waits until it is gone (Ctrl-C interrupts the wait).
    Raises ServiceError when AWS refuses (a provisioned throughput under commitment says so)."""
    core_endpoint = _endpoint_dict(endpoint)
    _core.delete_deployment(core_endpoint, poll_seconds, timeout_seconds)
    logger.info("Deleted deployment %s", core_endpoint["endpoint_name"])


def invoke(endpoint: Union[EndpointInfo, str], messages: Messages, system: Optional[str] = None,
           max_tokens: Optional[int] = None, temperature: Optional[float] = None, top_p: Optional[float] = None,
           stop_sequences: Optional[List[str]] = None,
           on_text: Optional[Callable[[str], None]] = None) -> InvokeResult:
    """Asks a deployed model. `messages` is a prompt string or a list of
    {"role": "user" | "assistant", "content": text}. Bedrock deployments answer through
    Converse, SageMaker endpoints through InvokeEndpoint. With `on_text`, the answer is
    streamed to it piece by piece (ConverseStream / InvokeEndpointWithResponseStream).
    Raises ValueError for bad messages or settings, ServiceError when AWS refuses."""
    answer = _core.invoke(_endpoint_dict(endpoint), messages, system, max_tokens, temperature, top_p,
                          stop_sequences, on_text)
    return InvokeResult(**answer)
