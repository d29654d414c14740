"""The package's module tree and every wildcard import match the reference's (the fact sheet
../shared/reference/python-module.md, section 1)."""
import importlib
import unittest

PKG = "amzn_nova_customization_sdk"

ALL = {
    "": ["CSVDatasetLoader", "JSONDatasetLoader", "JSONLDatasetLoader", "SMHPRuntimeManager", "SMTJRuntimeManager",
         "Model", "TrainingMethod", "DeployPlatform", "Platform", "NovaModelCustomizer", "BaseJobResult",
         "JobStatus", "MLflowMonitor", "CloudWatchLogMonitor", "EvaluationTask"],
    ".dataset": ["CSVDatasetLoader", "JSONDatasetLoader", "JSONLDatasetLoader"],
    ".dataset.dataset_validator": ["CPTDatasetValidator", "BaseDatasetValidator", "EvalDatasetValidator",
                                   "RFTDatasetValidator", "SFTDatasetValidator"],
    ".manager": ["SMHPRuntimeManager", "SMTJRuntimeManager"],
    ".model": ["Model", "TrainingMethod", "DeployPlatform", "Platform", "NovaModelCustomizer", "BaseJobResult",
               "JobStatus"],
    ".monitor": ["MLflowMonitor", "CloudWatchLogMonitor"],
    ".recipe": ["EvaluationTask"],
}

RESULT_WILDCARD = {"BaseJobResult", "JobStatus", "EvaluationResult", "SMTJEvaluationResult", "SMHPEvaluationResult",
                   "InferenceResult", "SMTJBatchInferenceResult", "TrainingResult", "SMTJTrainingResult",
                   "SMHPTrainingResult", "eval_result", "inference_result", "job_result", "training_result"}

# Names code written against the reference imports from submodules (fact sheet, section 1).
IMPORTED = {
    ".dataset.dataset_loader": ["CSVDatasetLoader", "DataPrepError", "JSONDatasetLoader", "JSONLDatasetLoader",
                                "DatasetLoader"],
    ".dataset.dataset_transformers": ["DatasetTransformer"],
    ".model.model_enums": ["DeployPlatform", "DeploymentMode", "Model", "Platform", "TrainingMethod", "Version"],
    ".model.model_config": ["ModelArtifacts", "EndpointInfo", "DeploymentResult"],
    ".model.result.job_result": ["JobStatus", "BaseJobResult"],
    ".model.result.eval_result": ["SMTJEvaluationResult"],
    ".model.result.training_result": ["SMHPTrainingResult", "SMTJTrainingResult", "TrainingResult"],
    ".model.nova_model_customizer": ["NovaModelCustomizer"],
    ".manager.runtime_manager": ["JobConfig", "RuntimeManager", "SMHPRuntimeManager", "SMTJRuntimeManager"],
    ".monitor.mlflow_monitor": ["MLflowMonitor"],
    ".monitor.log_monitor": ["CloudWatchLogMonitor"],
    ".recipe.recipe_config": ["EvaluationTask"],
    # Beyond the reference: HyperPod batch inference, importable but in no wildcard (RESULT_WILDCARD).
    ".model.result.inference_result": ["SMHPBatchInferenceResult"],
    ".validation.preflight": ["run_preflight", "PreflightReport", "PreflightCheck"],
    ".util.bedrock": ["BEDROCK_EXECUTION_ROLE_NAME"],
}


def wildcard(module):
    namespace = {}
    exec(f"from {module} import *", namespace)
    return {k for k in namespace if k != "__builtins__"}


class ModuleTree(unittest.TestCase):
    def test_every_all_is_the_references(self):
        for suffix, names in ALL.items():
            module = importlib.import_module(PKG + suffix)
            with self.subTest(module=module.__name__):
                self.assertEqual(sorted(module.__all__), sorted(names))
                self.assertEqual(wildcard(module.__name__), set(names))

    def test_result_package_has_no_all_and_its_wildcard_is_the_references(self):
        module = importlib.import_module(PKG + ".model.result")
        self.assertFalse(hasattr(module, "__all__"))
        self.assertEqual(wildcard(module.__name__), RESULT_WILDCARD)

    def test_util_and_validation_export_no_names_of_their_own(self):
        import types
        for suffix in (".util", ".validation"):
            module = importlib.import_module(PKG + suffix)
            self.assertFalse(hasattr(module, "__all__"))
            names = {k: v for k, v in vars(module).items() if not k.startswith("_")}
            self.assertTrue(all(isinstance(v, types.ModuleType) for v in names.values()), names)

    def test_names_imported_from_submodules(self):
        for suffix, names in IMPORTED.items():
            module = importlib.import_module(PKG + suffix)
            for name in names:
                with self.subTest(module=module.__name__, name=name):
                    self.assertTrue(hasattr(module, name))

    def test_package_attributes_and_constants(self):
        pkg = importlib.import_module(PKG)
        for sub in ("dataset", "manager", "model", "monitor", "recipe", "util", "validation"):
            self.assertTrue(hasattr(pkg, sub), sub)
        from amzn_nova_customization_sdk.util.bedrock import BEDROCK_EXECUTION_ROLE_NAME
        self.assertEqual(BEDROCK_EXECUTION_ROLE_NAME, "BedrockDeployModelExecutionRole")

    def test_dataclasses(self):
        import dataclasses
        from amzn_nova_customization_sdk.manager.runtime_manager import JobConfig
        from amzn_nova_customization_sdk.model.model_config import DeploymentResult, EndpointInfo, ModelArtifacts
        for cls in (JobConfig, ModelArtifacts, EndpointInfo, DeploymentResult):
            self.assertTrue(dataclasses.is_dataclass(cls), cls)
        self.assertEqual([f.name for f in dataclasses.fields(JobConfig)],
                         ["job_name", "image_uri", "recipe_path", "output_s3_path", "data_s3_path",
                          "input_s3_data_type", "mlflow_tracking_uri", "mlflow_experiment_name", "mlflow_run_name"])
        self.assertIsInstance(DeploymentResult.__dict__["status"], property)

    def test_help_shows_docstrings(self):
        from amzn_nova_customization_sdk import JSONLDatasetLoader, NovaModelCustomizer
        self.assertIn("Splits into train, validation and test", JSONLDatasetLoader.split_data.__doc__)
        self.assertIn("training job", NovaModelCustomizer.train.__doc__)


if __name__ == "__main__":
    unittest.main()
