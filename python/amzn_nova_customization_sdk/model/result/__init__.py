"""Job results: status, dump/load, evaluation metrics and inference records."""
from .job_result import BaseJobResult, JobStatus
from .eval_result import EvaluationResult, SMTJEvaluationResult, SMHPEvaluationResult
from .inference_result import InferenceResult, SMTJBatchInferenceResult
from .training_result import TrainingResult, SMTJTrainingResult, SMHPTrainingResult
from . import eval_result, inference_result, job_result, training_result
