"""The README's Python quick start runs as written, against the AWS stand-in (moto behind it)
and from a scratch directory (the sample CSV's path made absolute)."""
import contextlib
import io
import os
import re
import tempfile
import unittest

from support import AwsStandin

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def quick_start():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("## Python quick start"):]
    section = section[:section.index("\n## ", 1)]
    return re.findall(r"```python\n(.*?)```", section, re.S)


class ReadmeQuickStart(unittest.TestCase):
    def test_runs_as_written(self):
        blocks = quick_start()
        self.assertEqual(len(blocks), 1)
        aws = AwsStandin()
        self.addCleanup(aws.stop)
        aws.client("s3").create_bucket(Bucket="my-bucket")
        aws.make_role("AmazonSageMaker-DefaultRole")  # moto has no AWS managed policies to attach
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        cwd = os.getcwd()
        os.chdir(tmp.name)
        self.addCleanup(os.chdir, cwd)
        code = blocks[0].replace('"examples/sample/qa.csv"',
                                 repr(os.path.abspath(os.path.join(ROOT, "examples", "sample", "qa.csv"))))
        out = io.StringIO()
        namespace = {}
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<README quick start>", "exec"), namespace)
        self.assertIn("Training job started: my-training-job", out.getvalue())
        self.assertIn("Validation succeeded", out.getvalue())
        self.assertTrue(os.path.exists(os.path.join(tmp.name, "my-training-job.json")))
        keys = [o["Key"] for o in aws.client("s3").list_objects_v2(Bucket="my-bucket")["Contents"]]
        self.assertIn("training-data/train.jsonl", keys)


if __name__ == "__main__":
    unittest.main()
