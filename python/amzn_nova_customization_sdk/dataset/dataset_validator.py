"""Dataset validators per training method. Each runs the compiled core's validator over a
loader or any iterable of record dicts; invalid data raises ValueError listing the records."""
from typing import Iterable, Optional, Union

from ..model.model_enums import Model, TrainingMethod
from ..recipe.recipe_config import EvaluationTask
from .dataset_loader import DatasetLoader, JSONLDatasetLoader

__all__ = ["CPTDatasetValidator", "BaseDatasetValidator", "EvalDatasetValidator", "RFTDatasetValidator",
           "SFTDatasetValidator"]


class BaseDatasetValidator:
    """Validates records for one training method."""

    METHOD: TrainingMethod = TrainingMethod.SFT_LORA

    def validate(self, dataset: Union[DatasetLoader, Iterable[dict]], model: Model,
                 eval_task: Optional[EvaluationTask] = None) -> None:
        """Raises ValueError when a record is invalid for this validator's method on `model`."""
        if isinstance(dataset, DatasetLoader):
            loader = dataset
        else:
            records = list(dataset) if not callable(dataset) else None
            loader = JSONLDatasetLoader()
            loader.raw_dataset = dataset if callable(dataset) else (lambda: iter(records))
        loader.validate(self.METHOD, model, eval_task)


class SFTDatasetValidator(BaseDatasetValidator):
    METHOD = TrainingMethod.SFT_LORA


class RFTDatasetValidator(BaseDatasetValidator):
    METHOD = TrainingMethod.RFT_LORA


class CPTDatasetValidator(BaseDatasetValidator):
    METHOD = TrainingMethod.CPT


class EvalDatasetValidator(BaseDatasetValidator):
    METHOD = TrainingMethod.EVALUATION
