"""The specification's enums: Model, Version, TrainingMethod, Platform, DeployPlatform,
DeploymentMode. Members and values come from the compiled core's tables."""
from .. import _core
from .._enum_tables import make_enum

__all__ = ["Version", "Model", "TrainingMethod", "Platform", "DeployPlatform", "DeploymentMode"]

Version = make_enum("Version", __name__, "Nova model generation: ONE (value 1) or TWO (value 2).")


class _ModelAttributes:
    """What every Model member carries, read from the models table."""

    @property
    def model_type(self) -> str:
        """The model type, e.g. "amazon.nova-micro-v1:0:128k"."""
        return _core.model_info(self.name)["model_type"]

    @property
    def model_path(self) -> str:
        """The base model path in recipes, e.g. "nova-micro/prod"."""
        return _core.model_info(self.name)["model_path"]

    @property
    def version(self):
        """Version.ONE or Version.TWO."""
        return Version(_core.model_info(self.name)["version"])

    @classmethod
    def from_model_type(cls, model_type: str):
        """The Model whose model_type is `model_type`. Raises ValueError when none has it."""
        return cls[_core.model_from_model_type(model_type)]


Model = make_enum("Model", __name__, "Supported Nova models. Members carry .model_type, .model_path and .version.",
                  mixin=_ModelAttributes)
TrainingMethod = make_enum("TrainingMethod", __name__, "Supported training methods (values are lower case, e.g. 'sft_lora').")
Platform = make_enum("Platform", __name__, "Infrastructure platforms: SMTJ (SageMaker training jobs), SMHP (HyperPod).")
DeployPlatform = make_enum("DeployPlatform", __name__,
                           "Deployment platforms: BEDROCK_OD, BEDROCK_PT, SAGEMAKER.")
DeploymentMode = make_enum("DeploymentMode", __name__,
                           "What deploy() does when the endpoint exists: FAIL_IF_EXISTS or UPDATE_IF_EXISTS.")
