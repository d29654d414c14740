"""EvaluationTask: the evaluation benchmarks and BYOD tasks (values such as 'mmlu', 'gen_qa')."""
from .._enum_tables import make_enum

__all__ = ["EvaluationTask"]

EvaluationTask = make_enum("EvaluationTask", __name__, "Supported evaluation tasks (e.g. MMLU, GEN_QA).")
