"""`cmake --install` into a temporary prefix, then used the way users use it: a separate CMake
project (examples/consumer) with find_package(nova), pkg-config, every public header on its own,
and the installed `nova` binary. Run by ctest (see CMakeLists.txt for the options)."""
import os
import re
import shutil
import tempfile
import unittest

from install_support import parse_args, run

ARGS = parse_args()
PREFIX = None
TMP = None

# Third-party headers must not leak through the public API (paths as the compiler reports them).
THIRD_PARTY = re.compile(r"/(fmt|nlohmann|simdjson|yaml-cpp|pugixml|curl|openssl|CLI|pybind11)[/.]|/archive\.h")


def setUpModule():
    global PREFIX, TMP
    TMP = tempfile.mkdtemp(prefix="nova-install-")
    PREFIX = os.path.join(TMP, "prefix")
    # Component by component: python/'s own component installs into the building Python's
    # site-packages, outside any prefix.
    for component in ARGS.components.split(","):
        run(["cmake", "--install", ARGS.build_dir, "--prefix", PREFIX, "--component", component])


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


def libdir():
    for candidate in ("lib", os.path.join("lib", "x86_64-linux-gnu"), "lib64"):
        if os.path.exists(os.path.join(PREFIX, candidate, "pkgconfig", "nova.pc")):
            return os.path.join(PREFIX, candidate)
    raise AssertionError(f"no nova.pc under {PREFIX}")


def public_headers(include_dir):
    return sorted(h for h in os.listdir(os.path.join(include_dir, "nova")) if h.endswith(".hpp"))


class InstalledTree(unittest.TestCase):
    def test_layout(self):
        lib = libdir()
        for rel in ("bin/nova", "include/nova/version.hpp", "include/nova/customizer.hpp",
                    "share/man/man1/nova.1", "share/man/man1/nova-train.1", "share/man/man1/nova-data-validate.1",
                    "share/bash-completion/completions/nova", "share/zsh/vendor-completions/_nova"):
            self.assertTrue(os.path.exists(os.path.join(PREFIX, rel)), rel)
        for rel in ("libnova.a", "libnova.so", "libnova.so.0", "cmake/nova/novaConfig.cmake",
                    "cmake/nova/novaConfigVersion.cmake", "cmake/nova/novaTargets.cmake", "pkgconfig/nova.pc"):
            self.assertTrue(os.path.exists(os.path.join(lib, rel)), rel)
        # Only the public API is installed: no internal header, no test or benchmark binary.
        self.assertEqual(public_headers(os.path.join(PREFIX, "include")),
                         public_headers(os.path.join(ARGS.source_dir, "include")))
        self.assertEqual(os.listdir(os.path.join(PREFIX, "bin")), ["nova"])

    def test_nova_version(self):
        out = run([os.path.join(PREFIX, "bin", "nova"), "--version"]).stdout.strip()
        self.assertEqual(out, ARGS.version)


class CMakeConsumer(unittest.TestCase):
    def build_and_run(self, name, *options):
        build = os.path.join(TMP, name)
        configure = ["cmake", "-S", os.path.join(ARGS.source_dir, "examples", "consumer"), "-B", build, "-G", "Ninja",
                     f"-DCMAKE_PREFIX_PATH={PREFIX}", f"-DCMAKE_CXX_COMPILER={ARGS.cxx}", *options]
        if ARGS.launcher:
            configure.append(f"-DCMAKE_CXX_COMPILER_LAUNCHER={ARGS.launcher}")
        run(configure)
        run(["cmake", "--build", build])
        out = run([os.path.join(build, "nova_consumer"), os.path.join(TMP, name + "-scratch")]).stdout
        self.assertIn(f"nova-sdk {ARGS.version}\n", out)
        self.assertIn("records: 2, valid: yes", out)
        return build

    def test_shared(self):
        build = self.build_and_run("consumer-shared")
        # It runs against the installed libnova.so, not a copy of the objects.
        ldd = run(["ldd", os.path.join(build, "nova_consumer")]).stdout
        self.assertRegex(ldd, r"libnova\.so\.0 => " + re.escape(os.path.realpath(libdir())))

    def test_static(self):
        build = self.build_and_run("consumer-static", "-DNOVA_CONSUMER_STATIC=ON")
        ldd = run(["ldd", os.path.join(build, "nova_consumer")]).stdout
        self.assertNotIn("libnova", ldd)

    def test_version_mismatch_is_refused(self):
        # SameMinorVersion: asking for another minor version must fail at configure time.
        major, minor, _ = ARGS.version.split(".")
        project = os.path.join(TMP, "wants-other-version")
        os.makedirs(project, exist_ok=True)
        with open(os.path.join(project, "CMakeLists.txt"), "w") as f:
            f.write("cmake_minimum_required(VERSION 3.20)\nproject(p LANGUAGES CXX)\n"
                    f"find_package(nova {major}.{int(minor) + 1} CONFIG REQUIRED)\n")
        proc = run(["cmake", "-S", project, "-B", os.path.join(project, "build"), f"-DCMAKE_PREFIX_PATH={PREFIX}"],
                   check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn(ARGS.version, proc.stderr)


class PkgConfig(unittest.TestCase):
    def pkg_config(self, *args):
        return run(["pkg-config", *args, "nova"], env={"PKG_CONFIG_PATH": os.path.join(libdir(), "pkgconfig")}).stdout.split()

    def test_modversion(self):
        self.assertEqual(self.pkg_config("--modversion"), [ARGS.version])

    def test_compile_and_run(self):
        source = os.path.join(TMP, "pc_main.cpp")
        with open(source, "w") as f:
            f.write('#include <iostream>\n#include "nova/version.hpp"\n'
                    "int main() { std::cout << nova::version() << '\\n'; }\n")
        for name, extra in (("pc_shared", []), ("pc_static", ["--static"])):
            with self.subTest(name):
                exe = os.path.join(TMP, name)
                cflags = self.pkg_config("--cflags", *extra)
                includes = [os.path.normpath(x[2:]) for x in cflags if x.startswith("-I")]
                self.assertIn(os.path.join(PREFIX, "include"), includes)
                libs = self.pkg_config("--libs", *extra)
                if extra:  # libnova.a where -lnova stands, so its own dependencies still follow it
                    at = libs.index("-lnova")
                    libs[at:at + 1] = ["-Wl,-Bstatic", "-lnova", "-Wl,-Bdynamic"]
                run([ARGS.cxx, "-std=c++20", *cflags, source, "-o", exe, *libs])
                self.assertEqual("libnova" in run(["ldd", exe]).stdout, not extra)
                out = run([exe], env={"LD_LIBRARY_PATH": libdir()}).stdout.strip()
                self.assertEqual(out, ARGS.version)


class PublicHeaders(unittest.TestCase):
    def test_each_header_compiles_alone_without_third_party_headers(self):
        include = os.path.join(PREFIX, "include")
        for header in public_headers(include):
            with self.subTest(header):
                source = os.path.join(TMP, "alone.cpp")
                with open(source, "w") as f:
                    f.write(f'#include "nova/{header}"\n')
                deps = run([ARGS.cxx, "-std=c++20", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I", include,
                            "-M", source]).stdout
                run([ARGS.cxx, "-std=c++20", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I", include, source])
                leaked = [p for p in deps.replace("\\\n", " ").split() if THIRD_PARTY.search(p)]
                self.assertEqual(leaked, [], f"nova/{header} pulls in third-party headers")


if __name__ == "__main__":
    unittest.main(verbosity=2)
