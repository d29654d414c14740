"""The Debian packages (`make package`): built with cpack into a temporary directory, unpacked
with `dpkg -x` into a clean root, and run from there. Each package's Depends must name the
Debian package of every shared library its ELF files need. Run by ctest (label package)."""
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

from install_support import is_elf, needed_libraries, parse_args, run

ARGS = parse_args()
TMP = None
DEBS = {}  # package name -> .deb path
ROOT = None
PYTHON_PACKAGE = "python3-amzn-nova-customization-sdk"


def setUpModule():
    global TMP, ROOT
    TMP = tempfile.mkdtemp(prefix="nova-package-")
    run(["cpack", "-G", "DEB", "--config", os.path.join(ARGS.build_dir, "CPackConfig.cmake"), "-B", TMP])
    for deb in glob.glob(os.path.join(TMP, "*.deb")):
        DEBS[field(deb, "Package")] = deb
    ROOT = os.path.join(TMP, "root")
    for deb in DEBS.values():
        run(["dpkg", "-x", deb, ROOT])


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


def field(deb, name):
    return run(["dpkg-deb", "-f", deb, name]).stdout.strip()


def depends(deb):
    """Package names in Depends (every alternative of each entry)."""
    names = set()
    for entry in field(deb, "Depends").split(","):
        for alternative in entry.split("|"):
            if alternative.strip():
                names.add(alternative.split("(")[0].strip())
    return names


def owning_package(soname):
    proc = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
    owners = {line.split(":", 1)[0] for line in proc.stdout.splitlines() if line.strip()}
    return owners


class Packages(unittest.TestCase):
    def test_expected_packages_are_built(self):
        self.assertLessEqual({"libnova0", "libnova-dev", "nova-cli"}, set(DEBS))
        for deb in DEBS.values():
            self.assertEqual(field(deb, "Version"), f"{ARGS.version}-1")

    def test_nova_runs_from_the_unpacked_root(self):
        out = run([os.path.join(ROOT, "usr", "bin", "nova"), "--version"]).stdout.strip()
        self.assertEqual(out, ARGS.version)
        self.assertTrue(os.path.exists(os.path.join(ROOT, "usr", "share", "man", "man1", "nova-train.1")))

    def test_dev_package_depends_on_the_exact_library_package(self):
        self.assertIn(f"libnova0 (= {ARGS.version}-1)", field(DEBS["libnova-dev"], "Depends"))

    def test_depends_cover_every_needed_library(self):
        own_sonames = {"libnova.so.0"}
        for package, deb in DEBS.items():
            unpacked = os.path.join(TMP, "one", package)
            os.makedirs(unpacked, exist_ok=True)  # dpkg -x creates the last directory only
            run(["dpkg", "-x", deb, unpacked])
            declared = depends(deb)
            for folder, _, files in os.walk(unpacked):
                for name in files:
                    path = os.path.join(folder, name)
                    if not is_elf(path) or path.endswith(".a"):
                        continue
                    for soname in needed_libraries(path):
                        with self.subTest(package=package, file=name, needs=soname):
                            if soname in own_sonames:
                                self.assertIn("libnova0", declared | {package})
                                continue
                            owners = owning_package(soname)
                            self.assertTrue(owners, f"no installed package provides {soname}")
                            self.assertTrue(owners & declared, f"{package} needs {soname} from {owners}; Depends: {declared}")

    def test_python_module_imports_from_the_unpacked_root(self):
        if PYTHON_PACKAGE not in DEBS:
            self.skipTest(f"{PYTHON_PACKAGE} is not built yet (python/ installs no files with COMPONENT python)")
        site = os.path.join(ROOT, "usr", "lib", "python3", "dist-packages")
        out = run(["python3", "-c", "import amzn_nova_customization_sdk as m; print(m.__version__); print(m.__file__)"],
                  env={"PYTHONPATH": site}).stdout.split()
        self.assertEqual(out[0], ARGS.version)
        self.assertTrue(out[1].startswith(site), out[1])


if __name__ == "__main__":
    unittest.main(verbosity=2)
