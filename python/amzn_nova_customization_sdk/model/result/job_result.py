"""BaseJobResult and JobStatus: a launched job's status and its dump()/load() files, which
are interchangeable with the reference SDK's and the `nova` CLI's."""
import logging
from abc import ABC
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, Tuple

from ... import _core
from ..._enum_tables import make_enum

logger = logging.getLogger(__name__)


class _JobStatusLookup:
    @classmethod
    def _missing_(cls, value):
        # Raw platform words (Created, Running, Succeeded, Stopped, ...) map as the core maps them.
        if isinstance(value, str):
            return cls[_core.job_status_from_raw(value)]
        return None


JobStatus = make_enum("JobStatus", __name__,
                      "Job execution status: IN_PROGRESS, COMPLETED or FAILED. JobStatus('<raw platform status>') "
                      "maps Created/Running to IN_PROGRESS, Succeeded to COMPLETED, anything else to FAILED.",
                      mixin=_JobStatusLookup)


def _to_iso(when) -> str:
    """A datetime (naive = UTC) or an ISO 8601 string as the core's isoformat text."""
    if when is None:
        return _core.to_python_isoformat_now()
    if isinstance(when, datetime):
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return when.isoformat()
    return str(when)


_CLASSES = {}


def _register(cls):
    _CLASSES[cls.__name__] = cls
    return cls


class BaseJobResult(ABC):
    """Base of every job result: job_id, started_time, get_job_status(), dump(), load()."""

    _core: "_core.BaseJobResult"

    @classmethod
    def _wrap(cls, core):
        """The Python result of the core's class for `core` (None stays None)."""
        if core is None:
            return None
        result_cls = _CLASSES.get(core.class_name)
        if result_cls is None:
            raise ValueError(f"Unknown job result class {core.class_name!r}")
        obj = result_cls.__new__(result_cls)
        obj._core = core
        return obj

    @property
    def job_id(self) -> str:
        """The job identifier."""
        return self._core.job_id

    @property
    def started_time(self) -> datetime:
        """When the job started (timezone-aware, UTC)."""
        return datetime.fromisoformat(self._core.started_time_iso)

    @property
    def platform(self):
        """Platform.SMTJ or Platform.SMHP."""
        from ..model_enums import Platform
        return Platform[self._core.platform]

    def get_job_status(self) -> Tuple[JobStatus, str]:
        """(status, raw platform status). A finished status is remembered."""
        name, raw = self._core.get_job_status()
        return JobStatus[name], raw

    @property
    def status(self) -> JobStatus:
        """The job's current JobStatus (get_job_status()[0])."""
        return self.get_job_status()[0]

    def dump(self, file_path: Optional[str] = None, file_name: Optional[str] = None) -> Path:
        """Writes the result as JSON to file_path/file_name (default: the current directory and
        <job_id>_<platform>.json). Returns the path written."""
        path = Path(self._core.dump(file_path, file_name))
        logger.info("Job result saved to %s", path)
        return path

    @classmethod
    def load(cls, file_path: str) -> "BaseJobResult":
        """Reads a file written by dump() (this SDK's, the CLI's or the reference's) and returns
        the result of the class it names."""
        return BaseJobResult._wrap(_core.BaseJobResult.load(str(file_path)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(job_id={self.job_id!r}, started_time={self.started_time.isoformat()!r})"


__all__ = ["JobStatus", "BaseJobResult"]
