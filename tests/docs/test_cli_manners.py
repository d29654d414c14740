"""CLI manners, checked on every command `nova --help` reaches (read from `nova cli-reference`,
the command definitions themselves, so a command added later is checked too):
- every command's help ends with an example that starts with its own command line;
- every option whose variable starts with a value shows that value as its default in --help,
  or says in its description what the default is ("default: ...");
- every command that prints data has --json (the commands without it are listed here, with why).
Run by ctest as: python3 test_cli_manners.py NOVA."""
import json
import re
import subprocess
import sys
import unittest

NOVA = sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova"
del sys.argv[1:]

# Commands that print no data of their own, so --json has nothing to carry.
WITHOUT_JSON = {
    "": "prints help only",
    "completion": "prints a shell script",
    "eks token": "already prints JSON: a kubectl ExecCredential",
    "iam policy": "already prints JSON: the IAM policy documents",
}


def reference():
    proc = subprocess.run([NOVA, "cli-reference"], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def commands(node):
    yield node
    for sub in node["commands"]:
        yield from commands(sub)


def help_text(path):
    proc = subprocess.run([NOVA, *path, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


class CliManners(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tree = reference()
        cls.all = list(commands(cls.tree))

    def test_the_walk_reaches_every_command(self):
        paths = {" ".join(c["path"]) for c in self.all}
        for expected in ("", "data validate", "train", "deploy create", "job status", "logs", "whoami"):
            self.assertIn(expected, paths)
        self.assertNotIn("cli-reference", paths)  # hidden tools are not user commands
        self.assertNotIn("man", paths)

    def test_every_command_has_an_example_of_itself(self):
        for c in self.all:
            words = " ".join(["nova", *c["path"]])
            with self.subTest(command=words):
                footer = c["footer"]
                self.assertRegex(footer, r"(?m)^Examples?:$", f"{words} --help has no example")
                examples = footer[re.search(r"(?m)^Examples?:$", footer).end():]
                lines = [l.strip() for l in examples.splitlines() if l.startswith("  ")]
                self.assertTrue(any(l == words or l.startswith(words + " ") or (not c["path"] and l.startswith("nova "))
                                    for l in lines), f"no example line starts with '{words}': {lines}")
                self.assertIn(footer.splitlines()[0], help_text(c["path"]))

    def test_every_option_with_a_default_shows_it(self):
        for c in self.all:
            for opt in c["options"] + c["positionals"]:
                if opt["flag"] or opt["initial"] in ("", "[]"):
                    continue
                name = f"nova {' '.join(c['path'])} {opt['names'][0] if opt['names'] else opt['name']}"
                with self.subTest(option=name):
                    explained = "default:" in opt["description"]
                    self.assertTrue(opt["default"] == opt["initial"] or explained,
                                    f"{name} starts as {opt['initial']!r} but --help shows "
                                    f"{opt['default']!r} and the description names no default")

    def test_shown_defaults_are_in_help(self):
        # CLI11 prints an option's default as NAME TYPE=VALUE.
        for c in self.all:
            shown = [o for o in c["options"] if o["default"] and o["names"]]
            if not shown:
                continue
            text = help_text(c["path"])
            for opt in shown:
                with self.subTest(option=f"nova {' '.join(c['path'])} {opt['names'][0]}"):
                    self.assertIn("=" + opt["default"], text)

    def test_every_command_that_prints_data_has_json(self):
        for c in self.all:
            path = " ".join(c["path"])
            if c["commands"] or path in WITHOUT_JSON:
                continue
            with self.subTest(command=path):
                names = {n for o in c["options"] for n in o["names"]}
                self.assertIn("--json", names, f"nova {path} prints data but has no --json")

    def test_exit_codes_are_documented_at_the_top(self):
        self.assertIn("Exit codes: 0 ok, 1 failed", help_text([]))


if __name__ == "__main__":
    unittest.main()
