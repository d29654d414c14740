"""MLflowMonitor: the MLflow tracking configuration a training recipe carries."""
from typing import Optional

from .. import _core
from .._delegate import core_property

__all__ = ["MLflowMonitor"]


class MLflowMonitor:
    """MLflow experiment tracking for a training job.

    tracking_uri: a SageMaker MLflow app or tracking server ARN; when None, the account's default
    MLflow app if one exists. Raises ValueError when the configuration is invalid.
    """

    def __init__(self, tracking_uri: Optional[str] = None, experiment_name: Optional[str] = None,
                 run_name: Optional[str] = None):
        self._core = _core.MLflowMonitor(tracking_uri, experiment_name, run_name)

    tracking_uri = core_property("tracking_uri", "The MLflow app or tracking server ARN.")
    experiment_name = core_property("experiment_name", "The MLflow experiment (default: the job name).")
    run_name = core_property("run_name", "The MLflow run (default: generated).")

    def to_dict(self) -> dict:
        """The recipe's mlflow_* keys; {} when there is no tracking URI."""
        return self._core.to_dict()

    def __repr__(self) -> str:
        return (f"MLflowMonitor(tracking_uri={self.tracking_uri!r}, experiment_name={self.experiment_name!r}, "
                f"run_name={self.run_name!r})")
