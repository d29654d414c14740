"""Dataclasses of training and deployment outcomes."""
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Union

from .. import _core
from .model_enums import DeployPlatform

logger = logging.getLogger(__name__)

__all__ = ["ModelArtifacts", "EndpointInfo", "DeploymentResult"]


@dataclass
class ModelArtifacts:
    """Where a training job leaves its model: the checkpoint and the output archive's location."""
    checkpoint_s3_path: Optional[str]
    output_s3_path: Optional[str]


@dataclass
class EndpointInfo:
    """A deployed model's endpoint."""
    platform: DeployPlatform
    endpoint_name: str
    uri: str
    model_artifact_path: str

    @classmethod
    def _from_core(cls, d: Dict[str, str]) -> "EndpointInfo":
        return cls(platform=DeployPlatform[d["platform"]], endpoint_name=d["endpoint_name"], uri=d["uri"],
                   model_artifact_path=d["model_artifact_path"])

    def _to_core(self) -> Dict[str, str]:
        return {"platform": DeployPlatform(self.platform).name, "endpoint_name": self.endpoint_name, "uri": self.uri,
                "model_artifact_path": self.model_artifact_path}


@dataclass
class InvokeResult:
    """A deployed model's answer (beyond the specification): the text, why it stopped
    (Bedrock "end_turn", "max_tokens", ...; SageMaker "stop", "length", ...) and token usage."""
    text: str
    stop_reason: str
    input_tokens: int
    output_tokens: int
    total_tokens: int
    request_id: str


Messages = Union[str, List[Dict[str, str]]]


@dataclass
class DeploymentResult:
    """What deploy() returns: the endpoint and when it was created. `status` asks AWS each time.

    Beyond the specification: wait() until the deployment serves, invoke() it, dump() it to a
    JSON file and load() it back (files interchangeable with `nova deploy create --save-result`).
    """
    endpoint: EndpointInfo
    created_at: datetime
    _core: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def _from_core(cls, core) -> "DeploymentResult":
        return cls(endpoint=EndpointInfo._from_core(core.endpoint),
                   created_at=datetime.fromisoformat(core.created_at_iso), _core=core)

    def _core_result(self):
        if self._core is None:
            # Built by hand: the core result is made from the fields.
            self._core = _core.DeploymentResult.from_json(_json_of(self))
        return self._core

    @property
    def status(self) -> str:
        """The deployment's current raw status ("Creating", "Active", "InService", "Failed", ...)."""
        return self._core_result().status()

    @property
    def lineage(self) -> Dict[str, Optional[str]]:
        """Where the deployment came from: training_job, checkpoint, model_arn, deployment_arn."""
        return self._core_result().lineage

    def wait(self, poll_seconds: float = 60.0, timeout_seconds: Optional[float] = None) -> str:
        """Blocks until the deployment serves (Active / InService) and returns that status.
        Raises ServiceError when it failed or timeout_seconds passed; Ctrl-C interrupts it."""
        return self._core_result().wait(poll_seconds, timeout_seconds)

    def dump(self, file_path: Optional[str] = None, file_name: Optional[str] = None) -> Path:
        """Writes the deployment as JSON to file_path/file_name (default: the current directory
        and <endpoint_name>_deployment.json). Returns the path written."""
        path = Path(self._core_result().dump(file_path, file_name))
        logger.info("Deployment result saved to %s", path)
        return path

    @classmethod
    def load(cls, file_path: str) -> "DeploymentResult":
        """Reads a file written by dump() or by the CLI. Raises ValueError naming what is wrong."""
        return cls._from_core(_core.DeploymentResult.load(str(file_path)))

    def invoke(self, messages: Messages, system: Optional[str] = None, max_tokens: Optional[int] = None,
               temperature: Optional[float] = None, top_p: Optional[float] = None,
               stop_sequences: Optional[List[str]] = None,
               on_text: Optional[Callable[[str], None]] = None) -> InvokeResult:
        """Asks the deployed model (see model.deployment.invoke)."""
        from .deployment import invoke
        return invoke(self.endpoint, messages, system, max_tokens, temperature, top_p, stop_sequences, on_text)


def _json_of(result: DeploymentResult) -> str:
    """The core's deployment file format for a result built by hand (naive created_at = UTC)."""
    created = result.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)
    e = result.endpoint
    return json.dumps({"endpoint_name": e.endpoint_name, "platform": DeployPlatform(e.platform).name, "uri": e.uri,
                       "model_artifact_path": e.model_artifact_path,
                       "created_at": created.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")})
