"""pip install --no-build-isolation ./python: builds the `_core` extension with CMake (the
repository one level up) and installs it with the pure-Python package. NOVA_BUILD_DIR reuses
an existing CMake build tree instead of configuring a new one."""
import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(nova_sdk VERSION ([0-9.]+)", f.read()).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("NOVA_BUILD_DIR") or os.path.join(ROOT, "build-python-wheel")
        if not os.path.exists(os.path.join(build_dir, "build.ninja")):
            subprocess.check_call(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                                   "-DNOVA_BUILD_TESTS=OFF", "-DNOVA_BUILD_BENCH=OFF",
                                   f"-DPython_EXECUTABLE={sys.executable}"])
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "_core"])
        package_dir = os.path.join(build_dir, "python", "amzn_nova_customization_sdk")
        built = [f for f in os.listdir(package_dir) if f.startswith("_core") and f.endswith(".so")]
        if not built:
            raise RuntimeError(f"no _core extension in {package_dir}")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(package_dir, built[0]), target)


setup(
    version=version(),
    packages=["amzn_nova_customization_sdk", "amzn_nova_customization_sdk.dataset",
              "amzn_nova_customization_sdk.manager", "amzn_nova_customization_sdk.model",
              "amzn_nova_customization_sdk.model.result", "amzn_nova_customization_sdk.monitor",
              "amzn_nova_customization_sdk.recipe", "amzn_nova_customization_sdk.util",
              "amzn_nova_customization_sdk.validation"],
    package_data={"amzn_nova_customization_sdk": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("amzn_nova_customization_sdk._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
