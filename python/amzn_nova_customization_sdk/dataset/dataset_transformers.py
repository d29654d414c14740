"""DatasetTransformer: transforms records (any iterable of dicts) with the compiled core's
converters, as DatasetLoader.transform does for a file."""
from typing import Dict, Iterable, Iterator

from ..model.model_enums import Model, TrainingMethod
from .dataset_loader import JSONLDatasetLoader

__all__ = ["DatasetTransformer"]


class DatasetTransformer:
    """Transforms records to the format a training method needs on a model."""

    def __init__(self, **column_mappings: str):
        self.column_mappings = dict(column_mappings)

    def transform(self, records: Iterable[Dict], method: TrainingMethod, model: Model) -> Iterator[Dict]:
        """The transformed records. Raises ValueError or DataPrepError as DatasetLoader.transform."""
        items = list(records)
        loader = JSONLDatasetLoader(**self.column_mappings)
        loader.raw_dataset = lambda: iter(items)
        loader.transform(method, model)
        return loader.transformed_dataset()
