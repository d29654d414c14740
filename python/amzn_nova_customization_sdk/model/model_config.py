"""Dataclasses of training and deployment outcomes."""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional

from .model_enums import DeployPlatform

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


@dataclass
class DeploymentResult:
    """What deploy() returns: the endpoint and when it was created. `status` asks AWS each time."""
    endpoint: EndpointInfo
    created_at: datetime
    _core: Any = field(default=None, repr=False, compare=False)

    @property
    def status(self) -> str:
        """The deployment's current raw status ("Creating", "Active", "InService", "Failed", ...)."""
        if self._core is None:
            raise ValueError("DeploymentResult.status: this result was not returned by deploy(); "
                             "nothing to ask AWS about")
        return self._core.status()
