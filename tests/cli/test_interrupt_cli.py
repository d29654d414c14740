"""Ctrl-C contract (issue #10): SIGINT/SIGTERM stop a command at its next check, remove its
temporary files, abort unfinished S3 multipart uploads, write nothing partial and exit
128 + signal (130 for SIGINT). Run by ctest as: python3 test_interrupt_cli.py NOVA FIXTURES."""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import MotoServer, isolated_aws_env  # noqa: E402

NOVA = sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova"
del sys.argv[1:]


def write_big_csv(path, rows):
    """A question/answer CSV of `rows` rows (~300 bytes each), written in large pieces."""
    answer = "lorem ipsum dolor sit amet " * 10
    with open(path, "w", encoding="utf-8") as f:
        f.write("question,answer\n")
        chunk = "".join(f"What is item {i}?,{answer}{i}\n" for i in range(10_000))
        for _ in range(rows // 10_000):
            f.write(chunk)


def wait_for(predicate, proc, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    return False


class LocalTransform(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.src = os.path.join(self.tmp.name, "in", "qa.csv")
        os.makedirs(os.path.dirname(self.src))
        write_big_csv(self.src, 400_000)
        self.out_dir = os.path.join(self.dir, "out")
        os.makedirs(self.out_dir)
        self.out = os.path.join(self.out_dir, "sft.jsonl")

    def tearDown(self):
        self.tmp.cleanup()

    def interrupt_midway(self, sig):
        proc = subprocess.Popen([NOVA, "data", "transform", self.src, self.out, "--method", "sft_lora",
                                 "--model", "nova-lite-2", "--map", "question=question", "--map", "answer=answer"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # The temporary output appears when writing starts: interrupt while it grows.
        started = wait_for(lambda: any(n.startswith("sft.jsonl.tmp-") and os.path.getsize(os.path.join(self.out_dir, n)) > 0
                                       for n in os.listdir(self.out_dir)), proc)
        self.assertTrue(started, "the transform finished before it could be interrupted")
        sent = time.time()
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
        self.assertLess(time.time() - sent, 5, "did not stop promptly")
        return proc.returncode, err

    def test_sigint_leaves_no_output_and_no_temporary_file(self):
        code, err = self.interrupt_midway(signal.SIGINT)
        self.assertEqual(code, 130, err)
        self.assertIn("Interrupted (SIGINT)", err)
        self.assertIn("nothing was left half-written", err)
        self.assertEqual(os.listdir(self.out_dir), [])

    def test_sigterm_exits_143(self):
        code, err = self.interrupt_midway(signal.SIGTERM)
        self.assertEqual(code, 143, err)
        self.assertIn("Terminated (SIGTERM)", err)
        self.assertEqual(os.listdir(self.out_dir), [])


class S3Upload(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = MotoServer()
        import boto3
        cls.s3 = boto3.client("s3", endpoint_url=cls.moto.endpoint, region_name="us-east-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing")
        cls.bucket = "nova-interrupt"
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def test_sigint_mid_multipart_aborts_the_upload(self):
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "qa.csv")
            write_big_csv(src, 400_000)  # ~120 MB of output: many 8 MiB parts
            proc = subprocess.Popen([NOVA, "data", "transform", src, f"s3://{self.bucket}/out/sft.jsonl",
                                     "--method", "sft_lora", "--model", "nova-lite-2",
                                     "--map", "question=question", "--map", "answer=answer"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env=isolated_aws_env(self.moto.endpoint))
            uploading = wait_for(lambda: self.s3.list_multipart_uploads(Bucket=self.bucket).get("Uploads"), proc)
            self.assertTrue(uploading, "no multipart upload was started")
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=60)
            self.assertEqual(proc.returncode, 130, err)
            self.assertIn("Interrupted (SIGINT)", err)
            self.assertEqual(self.s3.list_multipart_uploads(Bucket=self.bucket).get("Uploads", []), [])
            self.assertEqual(self.s3.list_objects_v2(Bucket=self.bucket).get("KeyCount"), 0)


if __name__ == "__main__":
    unittest.main()
