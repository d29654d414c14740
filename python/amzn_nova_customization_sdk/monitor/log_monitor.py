"""CloudWatchLogMonitor: a job's CloudWatch logs, read, printed or followed."""
from datetime import datetime, timezone
from typing import Callable, Dict, List, Optional

from .. import _core
from .._enum_tables import by_name
from ..model.model_enums import Platform

__all__ = ["CloudWatchLogMonitor"]


def _epoch_ms(when) -> Optional[int]:
    if when is None:
        return None
    if isinstance(when, datetime):
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return int(when.timestamp() * 1000)
    return int(when)


def _time_text(when) -> Optional[str]:
    if when is None or isinstance(when, str):
        return when
    return str(_epoch_ms(when))


class CloudWatchLogMonitor:
    """The CloudWatch logs of one job (SMTJ: every host's stream merged in time order)."""

    def __init__(self, job_id: str, platform: Platform, started_time=None, cluster_name: Optional[str] = None,
                 namespace: str = "kubeflow"):
        self._core = _core.CloudWatchLogMonitor(job_id, by_name(Platform, platform, "platform"),
                                                _epoch_ms(started_time), cluster_name, namespace)

    @classmethod
    def from_job_result(cls, job_result) -> "CloudWatchLogMonitor":
        """A monitor for a job result's job."""
        obj = cls.__new__(cls)
        obj._core = _core.log_monitor_for(job_result._core)
        return obj

    @classmethod
    def from_job_id(cls, job_id: str, platform: Platform, started_time=None,
                    cluster_name: Optional[str] = None, namespace: str = "kubeflow") -> "CloudWatchLogMonitor":
        return cls(job_id, platform, started_time, cluster_name, namespace)

    @property
    def job_id(self) -> str:
        return self._core.job_id

    def get_logs(self, limit: Optional[int] = None, start_from_head: bool = False, end_time=None,
                 start_time=None) -> List[Dict]:
        """The job's log events ({timestamp, message, ingestionTime, logStreamName}) in time order."""
        return self._core.get_logs(limit, start_from_head, _time_text(end_time), _time_text(start_time))

    def show_logs(self, limit: Optional[int] = None, start_from_head: bool = False, end_time=None,
                  start_time=None) -> None:
        """Prints each event's message, one per line."""
        print(self._core.show_logs_text(limit, start_from_head, _time_text(end_time), _time_text(start_time)),
              end="")

    def follow(self, on_event: Callable[[Dict], None] = None, stop: Callable[[], bool] = None,
               poll_seconds: float = 5.0) -> None:
        """Delivers each new event to on_event (default: print its message) until stop() is true.
        Ctrl-C raises KeyboardInterrupt between polls."""
        self._core.follow(on_event or (lambda e: print(e["message"].strip())), stop or (lambda: False),
                          poll_seconds)
