"""run_preflight from Python against the AWS stand-in: a ready run passes every check, a
denied permission and a quota too small fail with their fix, malformed input is a ValueError,
and the function stays out of every package __all__ (it is beyond the specification)."""
import json
import unittest

from support import ACCOUNT, AwsStandin, SFT_RECORD

from amzn_nova_customization_sdk.model.model_enums import Model, Platform, TrainingMethod
from amzn_nova_customization_sdk.validation.preflight import PreflightCheck, PreflightReport, run_preflight

AWS = None
BUCKET = "nova-py-preflight"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/NovaPyPreflightExec"


def setUpModule():
    global AWS
    AWS = AwsStandin()
    AWS.client("s3").create_bucket(Bucket=BUCKET)
    AWS.put_jsonl(BUCKET, "train/data.jsonl", [SFT_RECORD])
    AWS.make_role("NovaPyPreflightExec")
    AWS.server._control("PUT", "service-quotas/sagemaker", [
        {"QuotaName": "ml.p5.48xlarge for training job usage", "Value": 4, "QuotaCode": "L-P5TRAIN"}])


def tearDownModule():
    AWS.stop()


def planned(**changes):
    run = dict(platform=Platform.SMTJ, model=Model.NOVA_LITE_2, method=TrainingMethod.SFT_LORA,
               instance_type="ml.p5.48xlarge", instance_count=4, data_s3_path=f"s3://{BUCKET}/train/data.jsonl",
               output_s3_path=f"s3://{BUCKET}/output", execution_role_arn=ROLE, use_cache=False)
    run.update(changes)
    return run_preflight(**run)


class Preflight(unittest.TestCase):
    def setUp(self):
        AWS.server.deny_actions([])

    def test_a_ready_run_passes_every_check(self):
        report = planned()
        self.assertIsInstance(report, PreflightReport)
        self.assertTrue(report.ok, [(c.name, c.status, c.detail) for c in report.checks])
        self.assertTrue(all(isinstance(c, PreflightCheck) for c in report.checks))
        statuses = {c.name: c.status for c in report.checks}
        for name in ("credentials", "region", "recipe", "instance", "quota", "execution-role", "bucket:data", "data"):
            self.assertEqual(statuses.get(name), "pass", (name, statuses))
        self.assertEqual(report.failures(), [])

    def test_a_denied_permission_and_a_small_quota_fail_with_their_fix(self):
        AWS.server.deny_actions(["iam:PassRole"])
        report = planned(instance_count=5, method="sft_lora")  # enum values are accepted as strings too
        self.assertFalse(report.ok)
        failed = {c.name: c for c in report.failures()}
        self.assertIn("quota", failed)
        self.assertIn("request-service-quota-increase", failed["quota"].fix)
        passrole = [c for name, c in failed.items() if name.startswith("permission:")]
        self.assertTrue(passrole and ROLE in passrole[0].detail, failed)

    def test_malformed_input_is_a_value_error(self):
        with self.assertRaises(ValueError):
            planned(data_s3_path="not-an-s3-uri://x")
        with self.assertRaisesRegex(ValueError, "platform"):
            planned(platform="EC2")

    def test_not_exported_by_any_wildcard(self):
        import amzn_nova_customization_sdk.validation as validation
        namespace = {}
        exec("from amzn_nova_customization_sdk import *", namespace)
        self.assertNotIn("run_preflight", namespace)
        self.assertFalse(hasattr(validation, "__all__"))


if __name__ == "__main__":
    unittest.main()
