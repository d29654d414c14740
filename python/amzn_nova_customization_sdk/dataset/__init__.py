"""Dataset loaders."""
from .dataset_loader import CSVDatasetLoader, JSONDatasetLoader, JSONLDatasetLoader

__all__ = ["CSVDatasetLoader", "JSONDatasetLoader", "JSONLDatasetLoader"]
