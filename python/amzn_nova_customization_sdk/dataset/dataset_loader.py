"""Dataset loaders: load JSONL / JSON / CSV (local or s3://), show, split, transform,
validate and save. Records stream from the compiled core; nothing holds a whole dataset.

`raw_dataset` and `transformed_dataset` are zero-argument callables returning an iterator of
dicts. A user may assign their own (`loader.raw_dataset = lambda: iter(records)`); transform,
show, validate and save_data then read what it yields.
"""
import json
import logging
import os
import tempfile
import weakref
from abc import ABC
from typing import Dict, Iterator, Optional, Tuple

from .. import _core
from .._enum_tables import by_name
from ..model.model_enums import Model, TrainingMethod
from ..recipe.recipe_config import EvaluationTask

logger = logging.getLogger(__name__)

DataPrepError = _core.DataPrepError
DataPrepError.__module__ = __name__

__all__ = ["DataPrepError", "DatasetLoader", "JSONLDatasetLoader", "JSONDatasetLoader", "CSVDatasetLoader"]

_BATCH = 64


def _iterate(core_loader, raw: bool) -> Iterator[Dict]:
    stream = _core.RecordStream(core_loader, raw)
    while True:
        batch = stream.next_batch(_BATCH)
        if not batch:
            return
        for text in batch:
            yield json.loads(text)


class _CoreRecords:
    """The default raw_dataset / transformed_dataset: a fresh pass over the loader's file."""

    def __init__(self, loader: "DatasetLoader", raw: bool):
        self._loader = loader  # strong: `JSONLDatasetLoader().load(p).raw_dataset()` must work
        self._raw = raw

    def __call__(self) -> Iterator[Dict]:
        loader = self._loader
        if not loader._core.path() and not loader._split:
            return iter(())
        if not self._raw and loader._transformed is None:
            return iter(())
        return _iterate(loader._core, self._raw)


class DatasetLoader(ABC):
    """Base of the loaders. column_mappings map standard names (question, answer, system, ...) to
    the dataset's own column names, e.g. JSONDatasetLoader(question="input", answer="output")."""

    _FORMAT = "JSONL"

    def __init__(self, **column_mappings: str):
        self.column_mappings: Dict[str, str] = dict(column_mappings)
        self._attach(_core.DatasetLoader(self._FORMAT, self.column_mappings), split=False)

    def _attach(self, core_loader, split: bool, transformed=None) -> None:
        self._core = core_loader
        self._split = split
        self._transformed = transformed  # (method name, model name) once transform() succeeded
        self._spooled_from = None        # the user callable self._core reads, when one was spooled
        self._default_raw = _CoreRecords(self, raw=True)
        self._default_transformed = _CoreRecords(self, raw=False)
        self.raw_dataset = self._default_raw
        self.transformed_dataset = self._default_transformed

    @classmethod
    def _from_core(cls, core_loader, column_mappings, transformed):
        obj = cls.__new__(cls)
        obj.column_mappings = dict(column_mappings)
        obj._attach(core_loader, split=True, transformed=transformed)
        return obj

    # --- user-assigned datasets -------------------------------------------------------------

    def _spool(self, records) -> "_core.DatasetLoader":
        """A core JSONL loader over the records a user callable yields, written to a private
        temporary file (removed with this loader)."""
        if not hasattr(self, "_spool_dir"):
            self._spool_dir = tempfile.TemporaryDirectory(prefix="nova-dataset-")
            weakref.finalize(self, self._spool_dir.cleanup)
        fd, path = tempfile.mkstemp(suffix=".jsonl", dir=self._spool_dir.name)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for record in records():
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
        core_loader = _core.DatasetLoader("JSONL", self.column_mappings)
        core_loader.load(path)
        return core_loader

    def _source(self):
        """The core loader holding what raw_dataset / transformed_dataset currently yield."""
        user_transformed = self.transformed_dataset is not self._default_transformed
        if user_transformed:
            return self._spool(self.transformed_dataset)
        if self.raw_dataset is not self._default_raw and self.raw_dataset is not self._spooled_from:
            user_raw = self.raw_dataset
            core_loader = self._spool(user_raw)
            if self._transformed is not None:
                core_loader.transform(*self._transformed)
            self._core, self._spooled_from, self._split = core_loader, user_raw, False
            self._default_raw = self.raw_dataset  # the core now reads it
        return self._core

    # --- the specification's methods ------------------------------------------------------------

    def load(self, path: str) -> "DatasetLoader":
        """Remembers a local path or an s3://bucket/key URI to read (checked now, streamed on each
        use). Raises DataPrepError when it does not exist, cannot be read or has the wrong extension."""
        core_loader = _core.DatasetLoader(self._FORMAT, self.column_mappings)
        core_loader.load(str(path))
        self._attach(core_loader, split=False)
        logger.info("Loaded dataset %s", path)
        return self

    def show(self, n: int = 10) -> None:
        """Prints the first n records (transformed ones after transform())."""
        print(self._source().show_text(n), end="")

    def split_data(self, train_ratio: float = 0.8, val_ratio: float = 0.1, test_ratio: float = 0.1,
                   seed: int = 42) -> Tuple["DatasetLoader", "DatasetLoader", "DatasetLoader"]:
        """Splits into train, validation and test loaders (the reference's shuffle for the same
        seed). Raises DataPrepError when the ratios do not sum to 1 or the dataset is empty."""
        parts = self._source().split_data(train_ratio, val_ratio, test_ratio, seed)
        return tuple(type(self)._from_core(p, self.column_mappings, self._transformed) for p in parts)

    def transform(self, method: TrainingMethod, model: Model) -> "DatasetLoader":
        """Transforms records to the format `method` needs on `model` (applied as records are read).
        Raises ValueError for an unsupported combination, DataPrepError when a record cannot be
        transformed."""
        spec = (by_name(TrainingMethod, method, "method"), by_name(Model, model, "model"))
        self._source().transform(*spec)
        self._transformed = spec
        self.transformed_dataset = self._default_transformed
        return self

    def validate(self, method: TrainingMethod, model: Model, eval_task: Optional[EvaluationTask] = None) -> None:
        """Validates every record for `method` on `model` (and eval_task for BYOD evaluation data).
        Raises ValueError listing the invalid records."""
        task = by_name(EvaluationTask, eval_task, "eval_task") if eval_task is not None else None
        self._source().validate(by_name(TrainingMethod, method, "method"), by_name(Model, model, "model"), task)

    def save_data(self, save_path: str) -> str:
        """Writes the dataset to save_path (.json or .jsonl; local or s3://) atomically and returns
        the path. Raises DataPrepError when the save fails or the format is unsupported."""
        written = self._source().save_data(str(save_path))
        logger.info("Dataset saved to %s", written)
        return written


class JSONLDatasetLoader(DatasetLoader):
    """Loads JSON Lines: one JSON record per line."""
    _FORMAT = "JSONL"


class JSONDatasetLoader(DatasetLoader):
    """Loads a JSON document whose top-level array holds the records."""
    _FORMAT = "JSON"


class CSVDatasetLoader(DatasetLoader):
    """Loads CSV: the header row names the columns; every value is a string."""
    _FORMAT = "CSV"
