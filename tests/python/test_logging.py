"""The engine's diagnostics reach Python's `logging`: each goes to the logger of the package
module doing that work, from any thread (including threads Python never saw, while the caller
waits without the GIL), and NOVA_LOG still raises the threshold."""
import logging
import os
import sys
import threading
import unittest

from support import AwsStandin

from amzn_nova_customization_sdk import (EvaluationTask, Model, NovaModelCustomizer, SMTJRuntimeManager,
                                         TrainingMethod, _core)

PKG = "amzn_nova_customization_sdk"
DEBUG, INFO, WARN = 0, 1, 2  # nova::LogLevel


class LoggerNames(unittest.TestCase):
    def test_each_engine_area_logs_to_its_module(self):
        expected = {
            "customizer/deploy.cpp": f"{PKG}.model.nova_model_customizer",
            "runtime/smtj_runtime_manager.cpp": f"{PKG}.manager.runtime_manager",
            "monitor/mlflow_monitor.cpp": f"{PKG}.monitor.mlflow_monitor",
            "monitor/cloudwatch_log_monitor.cpp": f"{PKG}.monitor.log_monitor",
            "results/eval_results.cpp": f"{PKG}.model.result.eval_result",
            "results/result_file.cpp": f"{PKG}.model.result.job_result",
            "dataset/dataset_loader.cpp": f"{PKG}.dataset.dataset_loader",
            "aws/core/aws_client.cpp": f"{PKG}.util",
            "somewhere/else.cpp": PKG,
        }
        for source, logger in expected.items():
            with self.subTest(source=source):
                self.assertEqual(_core.engine_logger_name(source), logger)

    def test_levels_map_to_logging_levels(self):
        for level, name in ((DEBUG, "DEBUG"), (INFO, "INFO"), (WARN, "WARNING"), (3, "ERROR")):
            with self.assertLogs(f"{PKG}.manager.runtime_manager", "DEBUG") as logs:
                _core._log_for_test("runtime/x.cpp", level, "a line")
            self.assertEqual(logs.output, [f"{name}:{PKG}.manager.runtime_manager:a line"])


class Threads(unittest.TestCase):
    def test_a_native_thread_logs_while_the_caller_waits_without_the_gil(self):
        with self.assertLogs(f"{PKG}.model.nova_model_customizer", "INFO") as logs:
            _core._log_for_test("customizer/deploy.cpp", INFO, "from a native thread", from_native_thread=True)
        self.assertEqual(logs.records[0].getMessage(), "from a native thread")
        self.assertNotEqual(logs.records[0].thread, threading.get_ident())

    def test_many_threads_log_at_once_without_deadlock(self):
        def work(i):
            for j in range(50):
                _core._log_for_test("runtime/x.cpp", INFO, f"t{i} line {j}", from_native_thread=(j % 2 == 0))
        with self.assertLogs(f"{PKG}.manager.runtime_manager", "INFO") as logs:
            threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            self.assertFalse(any(t.is_alive() for t in threads), "a logging thread is stuck")
        self.assertEqual(len(logs.records), 8 * 50)

    def test_a_raising_handler_is_reported_as_unraisable_not_raised_into_the_engine(self):
        class Raising(logging.Handler):
            def emit(self, record):
                raise RuntimeError("handler failed")
        logger = logging.getLogger(f"{PKG}.recipe.recipe_config")
        handler = Raising()
        logger.addHandler(handler)
        self.addCleanup(logger.removeHandler, handler)
        seen = []
        saved, sys.unraisablehook = sys.unraisablehook, seen.append
        self.addCleanup(setattr, sys, "unraisablehook", saved)
        _core._log_for_test("recipes/catalogue.cpp", WARN, "goes to a broken handler", from_native_thread=True)
        self.assertEqual(len(seen), 1)
        self.assertIsInstance(seen[0].exc_value, RuntimeError)


class RealEngineLines(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.aws = AwsStandin()
        cls.aws.client("s3").create_bucket(Bucket="nova-python-logging")

    @classmethod
    def tearDownClass(cls):
        cls.aws.stop()

    def customizer(self):
        return NovaModelCustomizer(model=Model.NOVA_LITE_2, method=TrainingMethod.SFT_LORA,
                                   infra=SMTJRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=4),
                                   output_s3_path="s3://nova-python-logging/out/")

    def test_a_customizer_warning_goes_to_the_customizer_module_logger(self):
        with self.assertLogs(f"{PKG}.model.nova_model_customizer", "WARNING") as logs:
            self.customizer().evaluate(job_name="py-log-eval", eval_task=EvaluationTask.MMLU, dry_run=True)
        self.assertTrue(any("No model path provided" in r.getMessage() for r in logs.records), logs.output)

    def test_aws_requests_are_debug_lines_of_util_and_nova_log_raises_the_threshold(self):
        with self.assertLogs(f"{PKG}.util", "DEBUG") as logs:
            self.customizer().evaluate(job_name="py-log-eval", eval_task=EvaluationTask.MMLU, dry_run=True)
        self.assertTrue(any(r.getMessage().startswith("http request") for r in logs.records), logs.output)
        # The stand-in's secret key is "testing": every occurrence is redacted.
        self.assertFalse(any("testing" in r.getMessage() for r in logs.records), logs.output)
        os.environ["NOVA_LOG"] = "error"
        self.addCleanup(os.environ.pop, "NOVA_LOG", None)
        with self.assertNoLogs(f"{PKG}.util", "DEBUG"):
            self.customizer().evaluate(job_name="py-log-eval", eval_task=EvaluationTask.MMLU, dry_run=True)


if __name__ == "__main__":
    unittest.main()
