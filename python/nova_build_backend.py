"""The PEP 517 build backend of amzn_nova_customization_sdk, so that
`pip install --no-build-isolation ./python` (or `.` at the repository root) works with nothing
but pip: the `_core` extension is built by CMake, and the wheel is assembled here with the
standard library, so neither setuptools nor `wheel` is needed.

NOVA_BUILD_DIR=<build> reuses an existing CMake build tree (configured with the module, the
default); otherwise <repo>/build-python-wheel is configured as a Release build.
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
import sysconfig
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PACKAGE = "amzn_nova_customization_sdk"
DIST_NAME = "amzn-nova-customization-sdk"
SUMMARY = "Customize Amazon Nova models from Python, on the nova-sdk C++ engine"
REQUIRES_PYTHON = ">=3.8"


def _version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        found = re.search(r"project\(nova_sdk VERSION ([0-9.]+)", f.read())
    if not found:
        raise RuntimeError(f"no `project(nova_sdk VERSION x.y.z)` in {ROOT}/CMakeLists.txt")
    return found.group(1)


def _tag():
    """The wheel tag of the running interpreter: the extension only loads into this ABI."""
    impl = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    platform = re.sub(r"[-.]", "_", sysconfig.get_platform())
    return f"{impl}-{impl}{sys.abiflags}-{platform}"


def _run(command):
    try:
        subprocess.check_call(command)
    except FileNotFoundError:
        raise RuntimeError(f"{command[0]} is not installed: building the module needs CMake and Ninja "
                           "(scripts/install-deps installs them)") from None


def _built_package_dir():
    """Builds `_core` with CMake and returns <build>/python/amzn_nova_customization_sdk."""
    build_dir = os.environ.get("NOVA_BUILD_DIR") or os.path.join(ROOT, "build-python-wheel")
    if not os.path.exists(os.path.join(build_dir, "build.ninja")):
        _run(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
              "-DNOVA_BUILD_TESTS=OFF", "-DNOVA_BUILD_BENCH=OFF", f"-DPython_EXECUTABLE={sys.executable}"])
    _run(["cmake", "--build", build_dir, "--target", "_core"])
    package_dir = os.path.join(build_dir, "python", PACKAGE)
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    if not os.path.exists(os.path.join(package_dir, "_core" + suffix)):
        raise RuntimeError(f"{package_dir} has no _core{suffix}: the build tree was made for another Python; "
                           f"set NOVA_BUILD_DIR to a build configured with -DPython_EXECUTABLE={sys.executable}")
    return package_dir


def _package_files(package_dir):
    """(path in the wheel, path on disk) of the package: every .py, .pyi, py.typed and _core."""
    for dirpath, dirnames, filenames in os.walk(package_dir):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".py", ".pyi", ".so")) or name == "py.typed":
                path = os.path.join(dirpath, name)
                yield os.path.join(PACKAGE, os.path.relpath(path, package_dir)).replace(os.sep, "/"), path


def _metadata(version):
    return (f"Metadata-Version: 2.1\nName: {DIST_NAME}\nVersion: {version}\nSummary: {SUMMARY}\n"
            f"License: Apache-2.0\nRequires-Python: {REQUIRES_PYTHON}\n")


def _dist_info(version):
    return f"{PACKAGE}-{version}.dist-info"


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _write_wheel(path, files, version, tag):
    dist_info = _dist_info(version)
    generated = {
        f"{dist_info}/METADATA": _metadata(version).encode(),
        f"{dist_info}/WHEEL": (f"Wheel-Version: 1.0\nGenerator: nova_build_backend\nRoot-Is-Purelib: false\n"
                               f"Tag: {tag}\n").encode(),
        f"{dist_info}/top_level.txt": f"{PACKAGE}\n".encode(),
    }
    record = []
    partial = path + ".part"
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as wheel:
        for arcname, source in files:
            with open(source, "rb") as f:
                data = f.read()
            wheel.writestr(arcname, data)
            record.append(_record_line(arcname, data))
        for arcname, data in generated.items():
            wheel.writestr(arcname, data)
            record.append(_record_line(arcname, data))
        record.append(f"{dist_info}/RECORD,,")
        wheel.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    os.replace(partial, path)


# --- PEP 517 hooks --------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    version = _version()
    dist_info = os.path.join(metadata_directory, _dist_info(version))
    os.makedirs(dist_info, exist_ok=True)
    with open(os.path.join(dist_info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata(version))
    return _dist_info(version)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version, tag = _version(), _tag()
    files = list(_package_files(_built_package_dir()))
    name = f"{PACKAGE}-{version}-{tag}.whl"
    _write_wheel(os.path.join(wheel_directory, name), files, version, tag)
    return name


def build_sdist(sdist_directory, config_settings=None):
    raise RuntimeError("amzn_nova_customization_sdk has no source distribution: the module is built from the "
                       "nova-sdk repository (pip install --no-build-isolation ./python, or make install-python)")
