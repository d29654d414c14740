"""Models, methods, the customizer and job results."""
from .model_enums import DeployPlatform, Model, Platform, TrainingMethod
from .nova_model_customizer import NovaModelCustomizer
from .result import BaseJobResult, JobStatus

__all__ = ["Model", "TrainingMethod", "DeployPlatform", "Platform", "NovaModelCustomizer", "BaseJobResult",
           "JobStatus"]
