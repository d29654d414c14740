"""Recipes: the evaluation tasks a recipe can run."""
from .recipe_config import EvaluationTask

__all__ = ["EvaluationTask"]
