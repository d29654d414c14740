"""`pip install --no-build-isolation` of ./python and of the repository root: pip alone (no
setuptools, no wheel) builds a wheel through the in-tree backend, reusing the CMake build tree,
and the installed package imports with its extension, stubs and py.typed."""
import os
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ.get("NOVA_SOURCE_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
BUILD = os.environ.get("NOVA_BUILD_DIR")


@unittest.skipUnless(BUILD, "NOVA_BUILD_DIR names the CMake build tree to reuse (ctest sets it)")
class PipInstall(unittest.TestCase):
    def install(self, project_dir):
        target = tempfile.TemporaryDirectory(prefix="nova-pip-target-")
        self.addCleanup(target.cleanup)
        env = dict(os.environ, NOVA_BUILD_DIR=BUILD)
        r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--no-index",
                            "--disable-pip-version-check", "--target", target.name, project_dir],
                           capture_output=True, text=True, env=env, timeout=600)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return target.name

    def check_installed(self, target):
        code = ("import amzn_nova_customization_sdk as p, os\n"
                "from amzn_nova_customization_sdk import *\n"
                "print(os.path.dirname(p.__file__)); print(p._core.__file__); print(Model.NOVA_MICRO.value)\n")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["PYTHONPATH"] = target
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                           cwd=target)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        package_dir, core_file, micro = r.stdout.split()
        self.assertEqual(package_dir, os.path.join(target, "amzn_nova_customization_sdk"))
        self.assertTrue(core_file.startswith(package_dir))
        self.assertEqual(micro, "nova_micro")
        for name in ("py.typed", "_core.pyi", "model/deployment.py", "model/result/job_result.py"):
            self.assertTrue(os.path.exists(os.path.join(package_dir, name)), name)
        dist_infos = [d for d in os.listdir(target) if d.endswith(".dist-info")]
        self.assertEqual(len(dist_infos), 1, os.listdir(target))
        with open(os.path.join(target, dist_infos[0], "RECORD")) as f:
            self.assertIn("amzn_nova_customization_sdk/__init__.py,sha256=", f.read())

    def test_the_python_directory(self):
        self.check_installed(self.install(os.path.join(SOURCE, "python")))

    def test_the_repository_root(self):
        self.check_installed(self.install(SOURCE))


if __name__ == "__main__":
    unittest.main()
