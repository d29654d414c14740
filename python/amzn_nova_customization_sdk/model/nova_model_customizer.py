"""NovaModelCustomizer: the specification's main entry point. Every check and every AWS call
happens in the compiled core; this class converts arguments and results."""
import logging
from typing import Any, Dict, Optional

from .. import _core
from .._delegate import core_property
from .._enum_tables import by_name
from ..recipe.recipe_config import EvaluationTask
from ..util.bedrock import BEDROCK_EXECUTION_ROLE_NAME
from .model_config import DeploymentResult
from .model_enums import DeploymentMode, DeployPlatform, Model, Platform, TrainingMethod
from .result import BaseJobResult
from .result.eval_result import EvaluationResult
from .result.inference_result import InferenceResult
from .result.training_result import TrainingResult

logger = logging.getLogger(__name__)

__all__ = ["NovaModelCustomizer"]


class NovaModelCustomizer:
    """Trains, evaluates and runs batch inference on a Nova model on a runtime manager.

    Raises ValueError for an unsupported region, a method the model or platform does not offer,
    invalid data mixing or MLflow settings.
    """

    def __init__(self, model: Model, method: TrainingMethod, infra, data_s3_path: Optional[str] = None,
                 output_s3_path: Optional[str] = None, model_path: Optional[str] = None,
                 validation_config: Optional[Dict[str, bool]] = None, generated_recipe_dir: Optional[str] = None,
                 mlflow_monitor=None, deployment_mode: DeploymentMode = DeploymentMode.FAIL_IF_EXISTS,
                 data_mixing_enabled: bool = False):
        core_infra = getattr(infra, "_core", None)
        if core_infra is None:
            raise ValueError(f"infra: expected an SMTJRuntimeManager or SMHPRuntimeManager, got {type(infra).__name__}")
        self._model = Model[by_name(Model, model, "model")]
        self._method = TrainingMethod[by_name(TrainingMethod, method, "method")]
        self._infra = infra
        self.mlflow_monitor = mlflow_monitor
        self.deployment_mode = DeploymentMode[by_name(DeploymentMode, deployment_mode, "deployment_mode")]
        self.data_mixing_enabled = data_mixing_enabled
        self.generated_recipe_dir = generated_recipe_dir
        self._core = _core.NovaModelCustomizer(
            self._model.name, self._method.name, core_infra, data_s3_path, output_s3_path, model_path,
            validation_config, generated_recipe_dir,
            mlflow_monitor._core if mlflow_monitor is not None else None,
            self.deployment_mode.name, data_mixing_enabled)
        self._last_result: Optional[BaseJobResult] = None

    # model, method and infra are the reference's properties: assigning one re-checks the
    # combination (as the constructor does) and resets the data mix to the new recipe's
    # defaults; a combination without a recipe raises ValueError and changes nothing.
    @property
    def model(self) -> Model:
        return self._model

    @model.setter
    def model(self, value: Model) -> None:
        model = Model[by_name(Model, value, "model")]
        self._core.set_model(model.name)
        self._model = model

    @property
    def method(self) -> TrainingMethod:
        return self._method

    @method.setter
    def method(self, value: TrainingMethod) -> None:
        method = TrainingMethod[by_name(TrainingMethod, value, "method")]
        self._core.set_method(method.name)
        self._method = method

    @property
    def infra(self):
        return self._infra

    @infra.setter
    def infra(self, value) -> None:
        core_infra = getattr(value, "_core", None)
        if core_infra is None:
            raise ValueError(f"infra: expected an SMTJRuntimeManager or SMHPRuntimeManager, got {type(value).__name__}")
        self._core.set_infra(core_infra)
        self._infra = value

    @property
    def platform(self) -> Platform:
        """The platform of the runtime manager (Platform.SMTJ or Platform.SMHP)."""
        return Platform(self._infra._core.platform)

    region = core_property("region", "The AWS region jobs run in.")
    data_s3_path = core_property("data_s3_path", "The training data.")
    output_s3_path = core_property("output_s3_path", "Where job outputs go.")
    model_path = core_property("model_path", "The model to start from, if not the base model.")

    @property
    def validation_config(self) -> Dict[str, bool]:
        return dict(self._core.validation_config)

    @property
    def job_id(self) -> Optional[str]:
        """The id of the last job this customizer started."""
        return self._core.job_id

    def get_data_mixing_config(self) -> Dict[str, Any]:
        """The data mixing configuration ({} when data mixing is not enabled)."""
        return self._core.get_data_mixing_config()

    def set_data_mixing_config(self, config: Dict[str, Any]) -> None:
        """Sets customer_data_percent / nova_*_percent. Raises ValueError when data mixing is not
        enabled or the configuration is invalid."""
        self._core.set_data_mixing_config(dict(config))

    def train(self, job_name: str, recipe_path: Optional[str] = None, overrides: Optional[Dict[str, Any]] = None,
              rft_lambda_arn: Optional[str] = None, validation_data_s3_path: Optional[str] = None,
              dry_run: Optional[bool] = False) -> Optional[TrainingResult]:
        """Resolves the recipe, validates everything and starts the training job. Returns its
        TrainingResult, or None on a dry run."""
        result = BaseJobResult._wrap(self._core.train(job_name, recipe_path, overrides, rft_lambda_arn,
                                                      validation_data_s3_path, bool(dry_run)))
        if result is not None:
            logger.info("Started training job %s", result.job_id)
            self._last_result = result
        return result

    def evaluate(self, job_name: str, eval_task: EvaluationTask, model_path: Optional[str] = None,
                 subtask: Optional[str] = None, data_s3_path: Optional[str] = None,
                 recipe_path: Optional[str] = None, overrides: Optional[Dict[str, Any]] = None,
                 processor: Optional[Dict[str, Any]] = None, rl_env: Optional[Dict[str, Any]] = None,
                 dry_run: Optional[bool] = False,
                 job_result: Optional[TrainingResult] = None) -> Optional[EvaluationResult]:
        """Starts an evaluation job. Returns its EvaluationResult, or None on a dry run."""
        result = BaseJobResult._wrap(self._core.evaluate(
            job_name, by_name(EvaluationTask, eval_task, "eval_task"), model_path, subtask, data_s3_path,
            recipe_path, overrides, processor, rl_env, bool(dry_run),
            job_result._core if job_result is not None else None))
        if result is not None:
            logger.info("Started evaluation job %s", result.job_id)
            self._last_result = result
        return result

    def batch_inference(self, job_name: str, input_path: str, output_s3_path: str,
                        model_path: Optional[str] = None, recipe_path: Optional[str] = None,
                        overrides: Optional[Dict[str, Any]] = None,
                        dry_run: Optional[bool] = False) -> Optional[InferenceResult]:
        """Starts a batch inference job. Returns its SMTJBatchInferenceResult (SMHPBatchInferenceResult on HyperPod), or None on a dry run."""
        result = BaseJobResult._wrap(self._core.batch_inference(job_name, input_path, output_s3_path, model_path,
                                                                recipe_path, overrides, bool(dry_run)))
        if result is not None:
            logger.info("Started batch inference job %s", result.job_id)
            self._last_result = result
        return result

    def deploy(self, model_artifact_path: Optional[str] = None,
               deploy_platform: DeployPlatform = DeployPlatform.BEDROCK_OD, pt_units: Optional[int] = None,
               endpoint_name: Optional[str] = None, job_result: Optional[TrainingResult] = None,
               bedrock_execution_role_name: str = BEDROCK_EXECUTION_ROLE_NAME) -> DeploymentResult:
        """Creates a custom model from the checkpoint and deploys it: Amazon Bedrock on demand
        (BEDROCK_OD), with provisioned throughput (BEDROCK_PT, needs pt_units) or a SageMaker
        endpoint (SAGEMAKER). An existing endpoint is handled per the constructor's deployment_mode.
        Raises ValueError for bad arguments or an existing deployment (FAIL_IF_EXISTS)."""
        return self._deploy(model_artifact_path, deploy_platform, pt_units, endpoint_name, job_result,
                            bedrock_execution_role_name)

    def deploy_to_sagemaker(self, model_artifact_path: Optional[str] = None, endpoint_name: Optional[str] = None,
                            job_result: Optional[TrainingResult] = None, instance_type: str = "ml.p5.48xlarge",
                            context_length: Optional[int] = None, max_concurrency: Optional[int] = None,
                            execution_role_name: str = "SageMakerDeployModelExecutionRole",
                            wait_for_deployment: bool = False, poll_seconds: float = 60.0) -> DeploymentResult:
        """Beyond the specification: deploy() to a SageMaker real-time endpoint with its settings.
        instance_type, context_length and max_concurrency must be a combination the model
        supports (ValueError lists the valid ones). With wait_for_deployment, returns once the
        endpoint is InService (Ctrl-C interrupts the wait)."""
        return self._deploy(model_artifact_path, DeployPlatform.SAGEMAKER, None, endpoint_name, job_result,
                            execution_role_name, instance_type=instance_type, context_length=context_length,
                            max_concurrency=max_concurrency, wait_for_deployment=wait_for_deployment,
                            poll_seconds=poll_seconds)

    def _deploy(self, model_artifact_path, deploy_platform, pt_units, endpoint_name, job_result, role_name,
                **sagemaker) -> DeploymentResult:
        core = _core.deploy(self._core, model_artifact_path,
                            by_name(DeployPlatform, deploy_platform, "deploy_platform"), pt_units, endpoint_name,
                            job_result._core if job_result is not None else None, role_name, **sagemaker)
        result = DeploymentResult._from_core(core)
        logger.info("Deployed %s to %s", result.endpoint.model_artifact_path, result.endpoint.uri)
        return result

    def get_logs(self, limit: Optional[int] = None, start_from_head: bool = False,
                 end_time: Optional[str] = None) -> None:
        """Prints the CloudWatch logs of the last job this customizer started."""
        print(self._core.logs_text(limit, start_from_head, end_time), end="")
