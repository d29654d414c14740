"""Contract tests for `nova data ...`: command lines, exit codes and --json keys are what
users' scripts depend on (issue #2). Run by ctest as: python3 test_data_cli.py NOVA FIXTURES."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

NOVA = sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova"
del sys.argv[1:]

SFT_OK = {
    "schemaVersion": "bedrock-conversation-2024",
    "messages": [
        {"role": "user", "content": [{"text": "hi"}]},
        {"role": "assistant", "content": [{"text": "hello"}]},
    ],
}
SFT_BAD_FORMAT = {
    "schemaVersion": "bedrock-conversation-2024",
    "messages": [
        {"role": "user", "content": [
            {"image": {"format": "jpg", "source": {"s3Location": {"uri": "s3://b/c.jpg", "bucketOwner": "1"}}}},
            {"text": "what is it?"}]},
        {"role": "assistant", "content": [{"text": "a cat"}]},
    ],
}


def run(*args):
    return subprocess.run([NOVA, *args], capture_output=True, text=True)


class DataCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def jsonl(self, name, records):
        return self.write(name, "".join(json.dumps(r) + "\n" for r in records))

    def test_validate_valid_exits_0_with_json_contract(self):
        f = self.jsonl("ok.jsonl", [SFT_OK, SFT_OK])
        r = run("data", "validate", f, "--method", "sft_lora", "--model", "nova-lite-2", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertIs(out["valid"], True)
        self.assertEqual(out["records"], 2)
        self.assertEqual(out["errors"], [])

    def test_validate_invalid_exits_1_and_names_line_path_rule(self):
        f = self.jsonl("bad.jsonl", [SFT_OK, SFT_BAD_FORMAT])
        r = run("data", "validate", f, "--method", "SFT_LORA", "--model", "NOVA_LITE_2", "--json")
        self.assertEqual(r.returncode, 1, r.stderr)
        out = json.loads(r.stdout)
        self.assertIs(out["valid"], False)
        self.assertEqual(out["records"], 2)
        err = out["errors"][0]
        for key in ("record", "line", "path", "rule", "message"):
            self.assertIn(key, err)
        self.assertEqual(err["record"], 1)
        self.assertEqual(err["line"], 2)
        self.assertEqual(err["path"], "messages[0].content[0].image.format")

    def test_validate_human_output_on_invalid(self):
        f = self.jsonl("bad.jsonl", [SFT_BAD_FORMAT])
        r = run("data", "validate", f, "--method", "sft_lora", "--model", "nova_lite_2")
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad.jsonl:1", r.stdout)

    def test_validate_bad_json_line_is_reported_not_fatal(self):
        f = self.write("broken.jsonl", json.dumps(SFT_OK) + "\n{oops\n")
        r = run("data", "validate", f, "--method", "sft_lora", "--model", "nova-lite-2", "--json")
        self.assertEqual(r.returncode, 1)
        out = json.loads(r.stdout)
        self.assertEqual(out["errors"][0]["line"], 2)
        self.assertEqual(out["errors"][0]["rule"], "json.syntax")

    def test_usage_and_io_errors_exit_2(self):
        f = self.jsonl("ok.jsonl", [SFT_OK])
        self.assertEqual(run("data", "validate", f, "--method", "nope", "--model", "nova-lite-2").returncode, 2)
        self.assertEqual(run("data", "validate", f, "--method", "sft_lora").returncode, 2)
        missing = os.path.join(self.dir, "missing.jsonl")
        r = run("data", "validate", missing, "--method", "sft_lora", "--model", "nova-lite-2")
        self.assertEqual(r.returncode, 2)
        self.assertIn("missing.jsonl", r.stderr)
        self.assertEqual(run("data", "validate", self.write("x.txt", "")).returncode, 2)

    def test_transform_csv_to_sft_then_validate(self):
        src = self.write("qa.csv", 'prompt,completion\n"What is\nthis?",A test.\n')
        out = os.path.join(self.dir, "sft.jsonl")
        r = run("data", "transform", src, out, "--method", "sft_lora", "--model", "nova-lite-2",
                "--map", "question=prompt", "--map", "answer=completion")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            rec = json.loads(f.readline())
        self.assertEqual(rec["messages"][0]["content"][0]["text"], "What is\nthis?")
        self.assertEqual(rec["messages"][1]["content"][0]["text"], "A test.")
        r = run("data", "validate", out, "--method", "sft_lora", "--model", "nova-lite-2")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_transform_bad_mapping_exits_2_and_writes_nothing(self):
        src = self.write("qa.csv", "prompt,completion\nq,a\n")
        out = os.path.join(self.dir, "sft.jsonl")
        r = run("data", "transform", src, out, "--method", "sft_lora", "--model", "nova-lite-2", "--map", "bogus")
        self.assertEqual(r.returncode, 2)
        r = run("data", "transform", src, out, "--method", "sft_lora", "--model", "nova-lite-2")
        self.assertEqual(r.returncode, 2)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(os.listdir(self.dir), ["qa.csv"])

    def test_split_seed_42_matches_reference(self):
        src = self.jsonl("d.jsonl", [{"id": i} for i in range(10)])
        outdir = os.path.join(self.dir, "splits")
        r = run("data", "split", src, "--train", "0.8", "--val", "0.1", "--test", "0.1", "--seed", "42",
                "--out-dir", outdir)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(outdir, "d_train.jsonl")) as f:
            ids = [json.loads(line)["id"] for line in f]
        self.assertEqual(ids, [7, 3, 2, 8, 5, 6, 9, 4])
        self.assertEqual(run("data", "split", src, "--train", "0.9", "--val", "0.9", "--test", "0",
                             "--out-dir", outdir).returncode, 2)

    def test_show(self):
        src = self.jsonl("d.jsonl", [{"id": i} for i in range(5)])
        r = run("data", "show", src, "-n", "2")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, 'Showing raw dataset:\nRow 0: {"id": 0}\nRow 1: {"id": 1}\n')

    def test_every_command_has_help_with_example(self):
        for cmd in ("validate", "transform", "split", "show"):
            r = run("data", cmd, "--help")
            self.assertEqual(r.returncode, 0)
            self.assertIn("Example", r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=1)
