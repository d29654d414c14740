"""The type stub of the compiled core (_core.pyi) declares every name the extension has, and
every method and property of each bound class, so editors complete and type checkers check
code that reaches into it; the package ships py.typed."""
import ast
import inspect
import os
import unittest

import amzn_nova_customization_sdk as pkg
from amzn_nova_customization_sdk import _core

STUB = os.path.join(os.path.dirname(pkg.__file__), "_core.pyi")


def stub_names():
    """{top-level name: set of member names (empty for functions and values)}."""
    with open(STUB, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
            names[node.name] = members
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = set()
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = set()
    return names


def public(name):
    return not name.startswith("__") and name not in ("_pybind11_conduit_v1_",)


class Stubs(unittest.TestCase):
    def test_every_core_name_is_declared(self):
        declared = stub_names()
        for name in dir(_core):
            if not public(name) or inspect.ismodule(getattr(_core, name)):
                continue
            with self.subTest(name=name):
                self.assertIn(name, declared, f"_core.{name} is missing from _core.pyi")

    def test_every_member_of_each_bound_class_is_declared(self):
        declared = stub_names()
        for name, cls in inspect.getmembers(_core, inspect.isclass):
            if issubclass(cls, BaseException):
                continue
            inherited = set()
            for base in cls.__mro__[1:]:
                inherited |= declared.get(base.__name__, set())
            for member in vars(cls):
                if not public(member) or member.startswith("_"):
                    continue
                with self.subTest(cls=name, member=member):
                    self.assertIn(member, declared.get(name, set()) | inherited,
                                  f"_core.{name}.{member} is missing from _core.pyi")

    def test_py_typed_ships_with_the_package(self):
        self.assertTrue(os.path.exists(os.path.join(os.path.dirname(pkg.__file__), "py.typed")))


if __name__ == "__main__":
    unittest.main()
