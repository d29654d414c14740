"""Contract tests for `nova completion bash|zsh` and `nova man`: both are generated from the
command definitions, so every command and option `--help` shows must be completed and documented.
Run by ctest as: python3 test_completion_cli.py NOVA FIXTURES."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

NOVA = sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova"
del sys.argv[1:]


def run(*args):
    proc = subprocess.run([NOVA, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"nova {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc.stdout


def help_sections(path):
    """(subcommands, options) that `nova PATH --help` lists."""
    text = run(*path, "--help")
    subcommands, options, section = [], set(), None
    for line in text.splitlines():
        if re.match(r"^\S.*:$", line):
            section = line
            continue
        if section and section.startswith("Subcommands"):
            m = re.match(r"^  (\S+)", line)
            if m:
                subcommands.append(m.group(1))
        elif section and section != "Positionals:" and line.startswith("  -"):
            # "  -h,--help   Print ..." / "  --model TEXT REQUIRED  ...": the names come first.
            options.update(n for n in line.split()[0].split(",") if n.startswith("-"))
    return subcommands, options


def all_command_paths():
    paths, todo = [], [[]]
    while todo:
        path = todo.pop()
        paths.append(path)
        subs, _ = help_sections(path)
        todo.extend(path + [s] for s in subs)
    return paths


class BashCompletion(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="nova-completion-")
        cls.script = os.path.join(cls.tmp, "nova.bash")
        with open(cls.script, "w") as f:
            f.write(run("completion", "bash"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def complete(self, *words):
        """COMPREPLY for the command line `nova WORDS...` (the last word is being completed)."""
        words = ["nova", *words]
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
        program = (f"source '{self.script}'; COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; _nova; "
                   "printf '%s\\n' \"${COMPREPLY[@]}\"")
        proc = subprocess.run(["bash", "-c", program], capture_output=True, text=True, cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return [w for w in proc.stdout.splitlines() if w]

    def test_top_level_commands(self):
        subs, _ = help_sections([])
        self.assertEqual(sorted(self.complete("")), sorted(subs))
        self.assertNotIn("man", subs)  # the generator is hidden
        self.assertEqual(self.complete("tr"), ["train"])

    def test_every_command_and_option_of_help_is_completed(self):
        for path in all_command_paths():
            subs, options = help_sections(path)
            with self.subTest(path=" ".join(path)):
                if subs:
                    self.assertEqual(sorted(self.complete(*path, "")), sorted(subs))
                self.assertTrue(options, "no options parsed from --help")
                self.assertLessEqual(options, set(self.complete(*path, "-")))

    def test_option_values_complete_file_names(self):
        open(os.path.join(self.tmp, "train.jsonl"), "w").close()
        self.assertIn("train.jsonl", self.complete("data", "validate", "--model", "nova-lite-2", "--method", "tr"))
        # A positional after option values: still a file, and the subcommand path was kept.
        self.assertIn("train.jsonl", self.complete("data", "validate", "--json", "tr"))

    def test_unknown_shell_is_a_usage_error(self):
        proc = subprocess.run([NOVA, "completion", "fish"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("fish", proc.stderr)


class ZshCompletion(unittest.TestCase):
    def test_script_parses(self):
        script = run("completion", "zsh")
        self.assertTrue(script.startswith("#compdef nova\n"))
        if shutil.which("zsh") is None:
            self.skipTest("zsh is not installed: the zsh script was not parsed")
        proc = subprocess.run(["zsh", "-n"], input=script, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)


class ManPages(unittest.TestCase):
    def test_a_page_per_command_with_every_option(self):
        version = run("--version").strip()
        with tempfile.TemporaryDirectory() as out:
            run("man", "--output", out)
            pages = set(os.listdir(out))
            for path in all_command_paths():
                name = "-".join(["nova", *path]) + ".1"
                with self.subTest(page=name):
                    self.assertIn(name, pages)
                    with open(os.path.join(out, name)) as f:
                        text = f.read()
                    title = name[:-2].upper().replace("-", "\\-")
                    self.assertTrue(text.startswith(f'.TH {title} 1 "" "nova {version}"'), text[:80])
                    _, options = help_sections(path)
                    for option in options:
                        self.assertIn(option.replace("-", "\\-"), text)
            self.assertEqual(len(pages), len(all_command_paths()))


if __name__ == "__main__":
    unittest.main(verbosity=2)
