"""Every code block of README.md and docs/**/*.md runs, so the documentation cannot rot.

- ```sh blocks of a document run in order in one bash session (set -euo pipefail), `nova` from
  the build first on PATH, against one emulator (the stand-in with moto behind it) shared by
  every document, in a scratch directory where examples/ is the repository's.
- ```python blocks of a document run in order in one namespace, with the build's module first
  on PYTHONPATH, in the same emulator session and directory (after the document's sh blocks).
- ```cpp blocks are each a program compiled against the build's headers, linked with libnova and
  run (exit 0) in the document's directory and emulator session, after its sh and python blocks.
  A block without main() (a function, as a reader would paste it) is followed by hidden
  `<!-- docs-test cpp: LINE -->` lines appended to it (`#include`s, `int main() { ... }` calling
  it); without a main() the test fails.
- ```LANG skip: <reason> is a block that cannot run here (it installs, or is a fragment), with
  the reason; kept rare.
- ```text, json, yaml, ... and a fence without a language (a diagram) are not code: shown, not
  run. Any other language without `skip: reason` fails, so a new kind of block is not ignored.
- A hidden line `<!-- docs-test sh: COMMAND -->` runs COMMAND at that point of the document's
  bash session (`<!-- docs-test python: CODE -->` likewise): what a finished job would leave
  behind, made by docs_fixtures.py ($DOCS_FIXTURES).

Run by ctest as: python3 test_code_blocks.py --nova NOVA --build BUILD --source SRC --cxx CXX [--lib LIBNOVA]
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from moto_harness import HyperPodStandins, isolated_aws_env  # noqa: E402

RUN = {"sh", "bash", "python", "cpp"}
NOT_CODE = {"", "text", "json", "jsonl", "yaml", "csv", "ini", "roff"}
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.M | re.S)
HOOK = re.compile(r"^<!-- docs-test (sh|python|cpp): (.*?) -->[ \t]*$", re.M)
ARGS = None


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nova", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--cxx", default="c++")
    parser.add_argument("--lib", default="")
    parser.add_argument("documents", nargs="*")
    args, rest = parser.parse_known_args()
    args.build, args.source, args.nova = (os.path.abspath(p) for p in (args.build, args.source, args.nova))
    args.lib = os.path.abspath(args.lib) if args.lib else ""
    sys.argv[1:] = rest
    return args


def documents():
    if ARGS.documents:
        return [os.path.abspath(d) for d in ARGS.documents]
    return [os.path.join(ARGS.source, "README.md")] + sorted(
        glob.glob(os.path.join(ARGS.source, "docs", "**", "*.md"), recursive=True))


def pieces(path):
    """(kind, language, info, text, line) in document order: kind is 'block' or 'hook'."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    found = []
    for m in FENCE.finditer(text):
        info = m.group(1).strip()
        found.append((m.start(), "block", info.split()[0] if info else "", info, m.group(2)))
    for m in HOOK.finditer(text):
        found.append((m.start(), "hook", m.group(1), m.group(0), m.group(2)))
    found.sort()
    return [(kind, lang, info, body, text.count("\n", 0, pos) + 1) for pos, kind, lang, info, body in found]


def skipped(info):
    words = info.split()
    return len(words) > 1 and words[1].rstrip(":") == "skip"


class Session:
    """One emulator and scratch area for every document. The emulator knows the HyperPod
    cluster HYPERPOD_CLUSTER, whose EKS API is the Kubernetes stand-in ($DOCS_K8S_CONTROL
    scripts what its training operator would do)."""
    HYPERPOD_CLUSTER = "my-cluster"

    def __init__(self):
        self.standins = HyperPodStandins()
        self.server = self.standins.aws
        registration = self.standins.registration()
        registration["restricted_instance_groups"][0]["EnvironmentConfig"]["S3OutputPath"] = \
            "s3://my-bucket/hyperpod-checkpoints/"
        self.standins.register_cluster(self.HYPERPOD_CLUSTER, registration)
        self.tmp = tempfile.mkdtemp(prefix="nova-docs-")
        self.env = isolated_aws_env(self.server.endpoint, NOVA_CACHE_DIR=os.path.join(self.tmp, "cache"),
                                    HOME=os.path.join(self.tmp, "home"),
                                    DOCS_FIXTURES=os.path.join(HERE, "docs_fixtures.py"),
                                    DOCS_K8S_CONTROL=f"http://127.0.0.1:{self.standins.k8s.control_port}",
                                    PYTHONPATH=os.path.join(ARGS.build, "python"), PYTHONDONTWRITEBYTECODE="1")
        self.env["PATH"] = os.path.dirname(os.path.abspath(ARGS.nova)) + os.pathsep + self.env["PATH"]
        subprocess.run([sys.executable, os.path.join(HERE, "docs_fixtures.py"), "seed"], env=self.env, check=True)
        # Deployments are ready at their first status call: `--wait` returns without sleeping.
        self.server._control("PUT", "bedrock/settings", {"describes_to_ready": 0, "page_size": 2})

    def workdir(self, document):
        name = os.path.relpath(document, ARGS.source).replace(os.sep, "_")
        path = os.path.join(self.tmp, name)
        os.makedirs(path)
        os.symlink(os.path.join(ARGS.source, "examples"), os.path.join(path, "examples"))
        return path

    def stop(self):
        self.standins.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


SESSION = None


def setUpModule():
    global SESSION
    SESSION = Session()


def tearDownModule():
    SESSION.stop()


def marker(document, line):
    return f"{os.path.relpath(document, ARGS.source)}:{line}"


def run_shell(document, parts, cwd):
    script = ["set -euo pipefail"]
    for kind, lang, info, body, line in parts:
        if kind == "hook" and lang == "sh":
            script.append(body)
        elif kind == "block" and lang in ("sh", "bash") and not skipped(info):
            script.append(f"echo '>>> {marker(document, line)}' >&2")
            script.append(body)
    if len(script) == 1:
        return None
    return subprocess.run(["bash", "-c", "\n".join(script)], cwd=cwd, env=SESSION.env, capture_output=True,
                          text=True, timeout=600)


def run_python(document, parts, cwd):
    blocks = []
    for kind, lang, info, body, line in parts:
        if kind == "hook" and lang == "python":
            blocks.append((line, body))
        elif kind == "block" and lang == "python" and not skipped(info):
            blocks.append((line, body))
    if not blocks:
        return None
    program = ["import sys", "namespace = {'__name__': '__main__'}"]
    for line, body in blocks:
        program.append(f"print('>>> {marker(document, line)}', file=sys.stderr)")
        program.append(f"exec(compile({body!r}, {marker(document, line)!r}, 'exec'), namespace)")
    return subprocess.run([sys.executable, "-c", "\n".join(program)], cwd=cwd, env=SESSION.env,
                          capture_output=True, text=True, timeout=600)


def cpp_programs(parts):
    """(line, source) of each cpp block to run: the block, then the hidden `docs-test cpp`
    lines right after it, one source line each (the main() calling it, an #include it needs)."""
    programs = []
    for i, (kind, lang, info, body, line) in enumerate(parts):
        if kind != "block" or lang != "cpp" or skipped(info):
            continue
        for following in parts[i + 1:]:
            if following[0] != "hook" or following[1] != "cpp":
                break
            body += "\n" + following[3] + "\n"
        programs.append((line, body))
    return programs


def run_cpp(line, source_text, cwd):
    source = os.path.join(cwd, f"block_{line}.cpp")
    with open(source, "w") as f:
        f.write(source_text)
    include = [f"-I{os.path.join(ARGS.source, 'include')}", f"-I{os.path.join(ARGS.build, 'include')}"]
    if not ARGS.lib:
        return subprocess.run([ARGS.cxx, "-std=c++20", *include, "-c", source, "-o", source + ".o"],
                              capture_output=True, text=True)
    exe = source + ".exe"
    built = subprocess.run([ARGS.cxx, "-std=c++20", *include, source, "-o", exe, ARGS.lib,
                            f"-Wl,-rpath,{os.path.dirname(ARGS.lib)}"], capture_output=True, text=True)
    if built.returncode != 0:
        return built
    return subprocess.run([exe], cwd=cwd, env=SESSION.env, capture_output=True, text=True, timeout=300)


def failure(document, proc):
    last = [l for l in proc.stderr.splitlines() if l.startswith(">>> ")]
    where = last[-1][4:] if last else os.path.relpath(document, ARGS.source)
    return f"the block at {where} failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"


class CodeBlocks(unittest.TestCase):
    def test_fences_are_labelled(self):
        for document in documents():
            for kind, lang, info, _, line in pieces(document):
                if kind != "block":
                    continue
                with self.subTest(block=marker(document, line)):
                    if skipped(info):
                        self.assertGreater(len(info.split()), 2, f"```{info}: say why it is skipped")
                    else:
                        self.assertIn(lang, RUN | NOT_CODE, f"```{info}: label the block with one of "
                                      f"{sorted(RUN | NOT_CODE)}, or add 'skip: <reason>'")

    def test_blocks_run(self):
        for document in documents():
            parts = pieces(document)
            cwd = SESSION.workdir(document)
            with self.subTest(document=os.path.relpath(document, ARGS.source), language="sh"):
                proc = run_shell(document, parts, cwd)
                if proc is not None:
                    self.assertEqual(proc.returncode, 0, failure(document, proc))
            with self.subTest(document=os.path.relpath(document, ARGS.source), language="python"):
                proc = run_python(document, parts, cwd)
                if proc is not None:
                    self.assertEqual(proc.returncode, 0, failure(document, proc))
            for line, source in cpp_programs(parts):
                with self.subTest(block=marker(document, line)):
                    self.assertRegex(source, r"\bint\s+main\s*\(", "a cpp block without main() needs a hidden "
                                     "'<!-- docs-test cpp: int main() { ... } -->' line right after it that calls it")
                    proc = run_cpp(line, source, cwd)
                    self.assertEqual(proc.returncode, 0, proc.stdout[-3000:] + proc.stderr[-3000:])
                    if not ARGS.lib:
                        self.skipTest("no shared libnova in this build (NOVA_BUILD_SHARED=OFF): compiled, not run")

if __name__ == "__main__":
    ARGS = parse_args()
    unittest.main()
