"""Monitoring: MLflow tracking and CloudWatch logs."""
from .log_monitor import CloudWatchLogMonitor
from .mlflow_monitor import MLflowMonitor

__all__ = ["MLflowMonitor", "CloudWatchLogMonitor"]
