"""amzn_nova_customization_sdk: customize Amazon Nova models (training, evaluation, batch
inference, datasets) from Python, on the nova-sdk C++ engine.

    from amzn_nova_customization_sdk import *
"""
from . import _core
from .dataset import CSVDatasetLoader, JSONDatasetLoader, JSONLDatasetLoader
from .manager import SMHPRuntimeManager, SMTJRuntimeManager
from .model import (BaseJobResult, DeployPlatform, JobStatus, Model, NovaModelCustomizer, Platform,
                    TrainingMethod)
from .monitor import CloudWatchLogMonitor, MLflowMonitor
from .recipe import EvaluationTask
from . import dataset, manager, model, monitor, recipe, util, validation
from .dataset import dataset_transformers, dataset_validator  # noqa: F401  (loaded like the reference)
from .util import bedrock  # noqa: F401

__version__ = _core.__version__

__all__ = ["CSVDatasetLoader", "JSONDatasetLoader", "JSONLDatasetLoader", "SMHPRuntimeManager",
           "SMTJRuntimeManager", "Model", "TrainingMethod", "DeployPlatform", "Platform", "NovaModelCustomizer",
           "BaseJobResult", "JobStatus", "MLflowMonitor", "CloudWatchLogMonitor", "EvaluationTask"]
