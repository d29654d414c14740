"""Shared by the install tests: their command line, running tools, and reading ELF files."""
import argparse
import os
import subprocess
import sys


def parse_args():
    """Reads the options CMake passes and leaves sys.argv to unittest."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--cxx", required=True)
    parser.add_argument("--launcher", default="")
    parser.add_argument("--components", required=True, help="install components, comma-separated")
    args, rest = parser.parse_known_args()
    sys.argv[1:] = rest
    return args


def run(cmd, env=None, cwd=None, check=True):
    """Runs a command (never through a shell); on failure the output is in the assertion."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    proc = subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=cwd)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def is_elf(path):
    if not os.path.isfile(path) or os.path.islink(path):
        return False
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def needed_libraries(path):
    """The DT_NEEDED sonames of an ELF file."""
    out = run(["readelf", "-d", path]).stdout
    return [line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line]
