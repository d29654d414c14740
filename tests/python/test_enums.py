"""Enum semantics the reference's users rely on: real enum.Enum classes, the specification's
values, Model attributes, JobStatus's raw-status lookup."""
import enum
import unittest

from amzn_nova_customization_sdk import (DeployPlatform, EvaluationTask, JobStatus, Model, Platform,
                                         TrainingMethod)
from amzn_nova_customization_sdk.model.model_enums import DeploymentMode, Version


class EnumSemantics(unittest.TestCase):
    def test_all_are_real_enums_and_iterable(self):
        for cls in (Model, TrainingMethod, DeployPlatform, Platform, JobStatus, EvaluationTask, DeploymentMode,
                    Version):
            self.assertTrue(issubclass(cls, enum.Enum), cls)
            self.assertGreater(len(list(cls)), 1, cls)

    def test_members_in_specification_order(self):
        self.assertEqual([m.name for m in Model], ["NOVA_MICRO", "NOVA_LITE", "NOVA_LITE_2", "NOVA_PRO"])
        self.assertEqual([m.name for m in TrainingMethod],
                         ["CPT", "DPO_LORA", "DPO_FULL", "SFT_LORA", "SFT_FULL", "RFT_LORA", "RFT_FULL",
                          "EVALUATION"])
        self.assertEqual([m.name for m in DeployPlatform], ["BEDROCK_OD", "BEDROCK_PT", "SAGEMAKER"])
        self.assertEqual([m.name for m in DeploymentMode], ["FAIL_IF_EXISTS", "UPDATE_IF_EXISTS"])
        self.assertEqual([m.name for m in JobStatus], ["IN_PROGRESS", "COMPLETED", "FAILED"])
        for task in ("MMLU", "GPQA", "MATH", "GEN_QA"):
            self.assertIn(task, EvaluationTask.__members__)

    def test_values(self):
        self.assertEqual(Platform.SMTJ.value, "SMTJ")
        self.assertEqual(Platform("SMHP"), Platform.SMHP)
        self.assertEqual(Model.NOVA_MICRO.value, "nova_micro")
        self.assertEqual(TrainingMethod.SFT_LORA.value, "sft_lora")
        self.assertEqual(EvaluationTask.GEN_QA.value, "gen_qa")
        self.assertEqual((Version.ONE.value, Version.TWO.value), (1, 2))

    def test_model_attributes_from_the_models_table(self):
        self.assertEqual(Model.NOVA_MICRO.model_type, "amazon.nova-micro-v1:0:128k")
        self.assertEqual(Model.NOVA_LITE_2.model_path, "nova-lite-2/prod")
        self.assertIs(Model.NOVA_LITE_2.version, Version.TWO)
        self.assertIs(Model.NOVA_PRO.version, Version.ONE)
        self.assertIs(Model.from_model_type("amazon.nova-micro-v1:0:128k"), Model.NOVA_MICRO)
        with self.assertRaises(ValueError) as caught:
            Model.from_model_type("amazon.nova-mega-v9")
        self.assertIn("amazon.nova-mega-v9", str(caught.exception))

    def test_job_status_lookup_of_raw_platform_words(self):
        self.assertIs(JobStatus("Created"), JobStatus.IN_PROGRESS)
        self.assertIs(JobStatus("Running"), JobStatus.IN_PROGRESS)
        self.assertIs(JobStatus("InProgress"), JobStatus.IN_PROGRESS)
        self.assertIs(JobStatus("Succeeded"), JobStatus.COMPLETED)
        self.assertIs(JobStatus("Completed"), JobStatus.COMPLETED)
        self.assertIs(JobStatus("Stopped"), JobStatus.FAILED)
        self.assertIs(JobStatus("anything else"), JobStatus.FAILED)

    def test_enums_defined_where_the_reference_defines_them(self):
        self.assertEqual(Model.__module__, "amzn_nova_customization_sdk.model.model_enums")
        self.assertEqual(EvaluationTask.__module__, "amzn_nova_customization_sdk.recipe.recipe_config")
        self.assertEqual(JobStatus.__module__, "amzn_nova_customization_sdk.model.result.job_result")


if __name__ == "__main__":
    unittest.main()
