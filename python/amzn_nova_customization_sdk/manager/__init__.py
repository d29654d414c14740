"""Runtime managers."""
from .runtime_manager import SMHPRuntimeManager, SMTJRuntimeManager

__all__ = ["SMHPRuntimeManager", "SMTJRuntimeManager"]
