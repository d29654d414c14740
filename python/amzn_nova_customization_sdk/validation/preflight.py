"""Pre-flight: will this exact run start? The checks `nova doctor` makes, and train(),
evaluate() and deploy() make through validation_config, for a planned run (beyond the
specification: the reference has no such function, so no package __all__ names it).

    from amzn_nova_customization_sdk.validation.preflight import run_preflight
    report = run_preflight(Platform.SMTJ, model=Model.NOVA_LITE_2, method=TrainingMethod.SFT_LORA,
                           instance_type="ml.p5.48xlarge", instance_count=4,
                           data_s3_path="s3://bucket/train.jsonl")
    for check in report.checks:
        print(check.status, check.name, check.detail, check.fix)
"""
from dataclasses import dataclass, field
from typing import List, Optional

from .. import _core
from .._enum_tables import by_name
from ..model.model_enums import DeployPlatform, Model, Platform, TrainingMethod

__all__ = ["PreflightCheck", "PreflightReport", "run_preflight"]


@dataclass
class PreflightCheck:
    """One check: its status ("pass", "warn" or "fail"), what it found and the fix."""
    name: str
    status: str
    detail: str
    fix: str = ""


@dataclass
class PreflightReport:
    """ok is False when any check failed (warnings allowed); cached when a passing report of
    the same run less than a minute old was reused."""
    ok: bool
    checks: List[PreflightCheck] = field(default_factory=list)
    cached: bool = False

    def failures(self) -> List[PreflightCheck]:
        return [c for c in self.checks if c.status == "fail"]


def _name(enum, value, what):
    return None if value is None else by_name(enum, value, what)


def run_preflight(platform: Platform = Platform.SMTJ, model: Optional[Model] = None,
                  method: Optional[TrainingMethod] = None, instance_type: Optional[str] = None,
                  instance_count: Optional[int] = None, data_s3_path: Optional[str] = None,
                  output_s3_path: Optional[str] = None, execution_role_arn: Optional[str] = None,
                  kms_key_id: Optional[str] = None, cluster_name: Optional[str] = None,
                  namespace: str = "kubeflow", deploy_platform: Optional[DeployPlatform] = None,
                  endpoint_name: Optional[str] = None, job_name: Optional[str] = None,
                  use_cache: bool = True) -> PreflightReport:
    """Runs every check that applies to what is given (no model and method: no recipe check;
    no data path: no data check; ...) and returns the report. Raises ValueError for malformed
    input (an S3 URI that is not one, a bad cluster name)."""
    raw = _core.run_preflight(by_name(Platform, platform, "platform"), _name(Model, model, "model"),
                              _name(TrainingMethod, method, "method"), instance_type, instance_count,
                              data_s3_path, output_s3_path, execution_role_arn, kms_key_id, cluster_name,
                              namespace, _name(DeployPlatform, deploy_platform, "deploy_platform"),
                              endpoint_name, job_name, use_cache)
    return PreflightReport(ok=raw["ok"], cached=raw["cached"],
                           checks=[PreflightCheck(**c) for c in raw["checks"]])
