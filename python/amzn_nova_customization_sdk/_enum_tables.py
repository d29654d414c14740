"""Builds the package's enum.Enum classes from the tables of the compiled core, so the
members and values have one source (data/models.json and include/nova/enums.hpp)."""
from enum import Enum

from . import _core


def make_enum(kind, module, doc, mixin=None):
    """An enum.Enum named `kind` with the core's (name, value) members, defined in `module`."""
    members = [(name, value) for name, value in _core.enum_members(kind)]
    cls = Enum(kind, members, module=module, qualname=kind, type=mixin) if mixin else \
        Enum(kind, members, module=module, qualname=kind)
    cls.__doc__ = doc
    return cls


def by_name(enum_cls, member, argument):
    """The core's name for `member`: a member of `enum_cls`, or a string naming or valuing one.
    Raises ValueError naming `argument` and the valid members otherwise."""
    if isinstance(member, enum_cls):
        return member.name
    if isinstance(member, str):
        for m in enum_cls:
            if member in (m.name, m.value) or member.upper() == m.name:
                return m.name
    valid = ", ".join(f"{enum_cls.__name__}.{m.name}" for m in enum_cls)
    raise ValueError(f"{argument}: {member!r} is not a {enum_cls.__name__}. Valid values: {valid}")
