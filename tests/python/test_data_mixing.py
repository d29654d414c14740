"""Data mixing from Python (HyperPod, Nova Forge recipe on the stand-in's hub): the mix starts
as the recipe's defaults, a set mix reaches the dry-run recipe as floats, invalid mixes raise
ValueError with the reference's message, and assigning model, method or infra (the
reference's property setters) resets the mix or, when refused, changes nothing."""
import os
import tempfile
import unittest

import yaml

from support import AwsStandin, HyperPodOnStandin, publish_forge_recipes

from amzn_nova_customization_sdk import (Model, NovaModelCustomizer, Platform, SMHPRuntimeManager,
                                         SMTJRuntimeManager, TrainingMethod)

AWS = None
HYPERPOD = None
CLUSTER = "py-mix"
DEFAULTS = {"customer_data_percent": 50, "nova_code_percent": 30, "nova_general_percent": 70,
            "dataset_catalog": "nova_forge_text_catalog_v1"}


def setUpModule():
    global AWS, HYPERPOD
    AWS = AwsStandin()
    HYPERPOD = HyperPodOnStandin(AWS)
    HYPERPOD.register_cluster(CLUSTER)
    publish_forge_recipes(AWS)
    AWS.client("s3").create_bucket(Bucket="py-mix-data")


def tearDownModule():
    HYPERPOD.stop()
    AWS.stop()


def hyperpod():
    return SMHPRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=4, cluster_name=CLUSTER,
                              namespace="kubeflow")


class DataMixing(unittest.TestCase):
    def setUp(self):
        self.recipes = tempfile.TemporaryDirectory(prefix="nova-py-mix-")
        self.addCleanup(self.recipes.cleanup)
        self.customizer = NovaModelCustomizer(
            model=Model.NOVA_LITE_2, method=TrainingMethod.SFT_LORA, infra=hyperpod(),
            data_s3_path="s3://py-mix-data/train.jsonl", output_s3_path="s3://py-mix-data/out/",
            generated_recipe_dir=self.recipes.name, validation_config={"iam": False, "infra": False},
            data_mixing_enabled=True)

    def recipe_mix(self):
        self.customizer.train(job_name="mix", dry_run=True)
        files = [f for f in os.listdir(self.recipes.name) if f.startswith("mix-")]
        self.assertEqual(len(files), 1, files)
        with open(os.path.join(self.recipes.name, files[0]), encoding="utf-8") as f:
            mix = yaml.safe_load(f)["data_mixing"]
        os.remove(os.path.join(self.recipes.name, files[0]))
        return mix

    def test_the_mix_starts_as_the_recipes_defaults_and_reaches_the_recipe_as_floats(self):
        self.assertEqual(self.customizer.get_data_mixing_config(), DEFAULTS)
        self.customizer.set_data_mixing_config({"customer_data_percent": 25, "nova_code_percent": 12.5,
                                                "nova_general_percent": 87.5})
        self.assertEqual(self.customizer.get_data_mixing_config()["customer_data_percent"], 25)
        mix = self.recipe_mix()
        self.assertEqual(mix["sources"]["customer_data"]["percent"], 25.0)
        self.assertIsInstance(mix["sources"]["customer_data"]["percent"], float)
        self.assertEqual(mix["sources"]["nova_data"], {"code": 12.5, "general": 87.5})
        self.assertEqual(mix["dataset_catalog"], "nova_forge_text_catalog_v1")

    def test_invalid_mixes_raise_value_error_and_change_nothing(self):
        with self.assertRaisesRegex(ValueError, r"Nova data percentages must sum to 100, got 90\. Fields: "):
            self.customizer.set_data_mixing_config({"nova_code_percent": 30, "nova_general_percent": 60})
        with self.assertRaisesRegex(ValueError, r"Invalid nova field 'nova_math_percent'"):
            self.customizer.set_data_mixing_config({"nova_math_percent": 100})
        self.assertEqual(self.customizer.get_data_mixing_config(), DEFAULTS)

    def test_assigning_model_method_or_infra_resets_the_mix(self):
        mine = {"customer_data_percent": 10, "nova_code_percent": 50, "nova_general_percent": 50}
        for attribute, value in (("model", Model.NOVA_LITE_2), ("method", TrainingMethod.SFT_LORA),
                                 ("infra", hyperpod())):
            with self.subTest(attribute=attribute):
                self.customizer.set_data_mixing_config(mine)
                setattr(self.customizer, attribute, value)
                self.assertEqual(self.customizer.get_data_mixing_config(), DEFAULTS)
        self.customizer.set_data_mixing_config(mine)
        with self.assertRaisesRegex(ValueError, "Change platform to SMHP"):
            self.customizer.infra = SMTJRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=4)
        with self.assertRaisesRegex(ValueError, "Data mixing is only supported"):
            self.customizer.method = TrainingMethod.DPO_LORA
        self.assertEqual(self.customizer.method, TrainingMethod.SFT_LORA)
        self.assertEqual(self.customizer.platform, Platform.SMHP)
        self.assertEqual(self.customizer.get_data_mixing_config()["customer_data_percent"], 10)


if __name__ == "__main__":
    unittest.main()
