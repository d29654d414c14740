"""Dataset loaders from Python: load/show/split/transform/validate/save on local files, the
raw_dataset / transformed_dataset callables (including ones a user assigns), DataPrepError and
ValueError with the reference's phrases, streaming, and no leaks over many calls."""
import contextlib
import io
import json
import os
import resource
import tempfile
import unittest

from amzn_nova_customization_sdk import (CSVDatasetLoader, JSONDatasetLoader, JSONLDatasetLoader, Model,
                                         TrainingMethod)
from amzn_nova_customization_sdk.dataset.dataset_loader import DataPrepError
from amzn_nova_customization_sdk.dataset.dataset_validator import SFTDatasetValidator

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
SFT1 = os.path.join(FIXTURES, "transform", "sft1_generic_basic")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def converse(question, answer):
    return {"schemaVersion": "bedrock-conversation-2024", "messages": [
        {"role": "user", "content": [{"text": question}]}, {"role": "assistant", "content": [{"text": answer}]}]}


class Tmp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write_jsonl(self, name, records):
        with open(self.path(name), "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
        return self.path(name)


class LoadAndIterate(Tmp):
    def test_raw_dataset_is_a_callable_giving_dicts_each_call(self):
        loader = JSONLDatasetLoader().load(os.path.join(SFT1, "input.jsonl"))
        first = list(loader.raw_dataset())
        self.assertEqual(first, read_jsonl(os.path.join(SFT1, "input.jsonl")))
        self.assertEqual(list(loader.raw_dataset()), first)

    def test_transform_then_transformed_dataset_matches_the_golden_file(self):
        loader = JSONLDatasetLoader(question="input", answer="output", system="sys")
        loader.load(os.path.join(SFT1, "input.jsonl"))
        self.assertEqual(list(loader.transformed_dataset()), [])
        self.assertIs(loader.transform(method=TrainingMethod.SFT_LORA, model=Model.NOVA_PRO), loader)
        self.assertEqual(list(loader.transformed_dataset()), read_jsonl(os.path.join(SFT1, "expected.jsonl")))
        self.assertEqual(list(loader.raw_dataset())[0]["input"], "What is the capital of France?")

    def test_json_and_csv_loaders(self):
        with open(self.path("d.json"), "w") as f:
            json.dump([{"a": 1}, {"a": 2}], f)
        self.assertEqual(list(JSONDatasetLoader().load(self.path("d.json")).raw_dataset()), [{"a": 1}, {"a": 2}])
        with open(self.path("d.csv"), "w") as f:
            f.write("user_query,bot_response\nhi,hello\n")
        loader = CSVDatasetLoader(question="user_query", answer="bot_response").load(self.path("d.csv"))
        self.assertEqual(list(loader.raw_dataset()), [{"user_query": "hi", "bot_response": "hello"}])
        self.assertEqual(loader.column_mappings, {"question": "user_query", "answer": "bot_response"})

    def test_a_missing_file_is_a_data_prep_error_naming_it(self):
        with self.assertRaises(DataPrepError) as caught:
            JSONLDatasetLoader().load(self.path("nope.jsonl"))
        self.assertIn("nope.jsonl", str(caught.exception))
        self.assertTrue(issubclass(DataPrepError, Exception))
        self.assertFalse(issubclass(DataPrepError, ValueError))

    def test_an_unreadable_line_raises_data_prep_error_when_iterated(self):
        path = self.path("bad.jsonl")
        with open(path, "w") as f:
            f.write('{"a": 1}\n{not json\n')
        records = JSONLDatasetLoader().load(path).raw_dataset()
        self.assertEqual(next(records), {"a": 1})
        with self.assertRaises(DataPrepError) as caught:
            next(records)
        self.assertIn("bad.jsonl:2", str(caught.exception))

    def test_abandoned_iterators_stop_their_pass(self):
        path = self.write_jsonl("many.jsonl", [{"i": i} for i in range(5000)])
        loader = JSONLDatasetLoader().load(path)
        for _ in range(50):
            it = loader.raw_dataset()
            self.assertEqual(next(it), {"i": 0})
            del it
        self.assertEqual(sum(1 for _ in loader.raw_dataset()), 5000)


class ShowValidateSave(Tmp):
    def test_show_prints_through_sys_stdout(self):
        loader = JSONLDatasetLoader().load(self.write_jsonl("d.jsonl", [converse("q", "a")]))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            loader.show(5)
        self.assertIn("Showing raw dataset:", out.getvalue())
        self.assertIn("Row 0: ", out.getvalue())

    def test_validate_success_is_printed_and_failure_is_a_value_error(self):
        good = JSONLDatasetLoader().load(self.write_jsonl("good.jsonl", [converse("q", "a")] * 3))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            good.validate(method=TrainingMethod.SFT_LORA, model=Model.NOVA_MICRO)
        self.assertIn("Validation succeeded for 3 samples", out.getvalue())
        bad = JSONLDatasetLoader().load(self.write_jsonl("bad.jsonl", [{"messages": [
            {"role": "user", "content": [{"text": "only a user turn"}]}]}]))
        with self.assertRaises(ValueError) as caught:
            bad.validate(TrainingMethod.SFT_LORA, Model.NOVA_MICRO)
        self.assertIn("bad.jsonl", str(caught.exception))

    def test_save_data_round_trips_and_returns_the_path(self):
        records = [converse(f"q{i}", f"a{i}") for i in range(4)]
        loader = JSONLDatasetLoader().load(self.write_jsonl("in.jsonl", records))
        self.assertEqual(loader.save_data(self.path("out.jsonl")), self.path("out.jsonl"))
        self.assertEqual(read_jsonl(self.path("out.jsonl")), records)
        with self.assertRaises(DataPrepError) as caught:
            loader.save_data(self.path("out.parquet"))
        self.assertIn(".jsonl", str(caught.exception))

    def test_split_data_gives_loaders_whose_raw_dataset_yields_their_share(self):
        records = [{"i": i} for i in range(20)]
        loader = JSONLDatasetLoader().load(self.write_jsonl("in.jsonl", records))
        train, val, test = loader.split_data(train_ratio=0.7, val_ratio=0.2, test_ratio=0.1)
        parts = [list(p.raw_dataset()) for p in (train, val, test)]
        self.assertEqual([len(p) for p in parts], [14, 4, 2])
        self.assertEqual(sorted(r["i"] for p in parts for r in p), list(range(20)))
        self.assertIsInstance(train, JSONLDatasetLoader)
        with self.assertRaises(DataPrepError):
            loader.split_data(0.5, 0.2, 0.1)


class UserAssignedDatasets(Tmp):
    def test_transform_show_validate_and_save_use_a_user_raw_dataset(self):
        loader = JSONLDatasetLoader(question="input", answer="output")
        rows = [{"input": "What?", "output": "That."}, {"input": "Who?", "output": "Them."}]
        loader.raw_dataset = lambda: iter(rows)
        loader.transform(method=TrainingMethod.SFT_LORA, model=Model.NOVA_MICRO)
        transformed = list(loader.transformed_dataset())
        self.assertEqual(transformed[1]["messages"][0]["content"][0]["text"], "Who?")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            loader.show(1)
            loader.validate(TrainingMethod.SFT_LORA, Model.NOVA_MICRO)
        self.assertIn("What?", out.getvalue())
        self.assertIn("Validation succeeded for 2 samples", out.getvalue())
        loader.save_data(self.path("saved.jsonl"))
        self.assertEqual(read_jsonl(self.path("saved.jsonl")), transformed)

    def test_a_user_transformed_dataset_is_what_save_writes(self):
        loader = JSONLDatasetLoader()
        loader.transformed_dataset = lambda: iter([converse("x", "y")])
        loader.save_data(self.path("t.jsonl"))
        self.assertEqual(read_jsonl(self.path("t.jsonl")), [converse("x", "y")])

    def test_validator_classes_validate_plain_records(self):
        SFTDatasetValidator().validate([converse("q", "a")], Model.NOVA_LITE_2)
        with self.assertRaises(ValueError):
            SFTDatasetValidator().validate([{"messages": []}], Model.NOVA_LITE_2)


class NoLeaks(Tmp):
    def test_ten_thousand_calls_leak_neither_files_nor_memory(self):
        path = self.write_jsonl("small.jsonl", [converse("q", "a")] * 3)
        fds_before = len(os.listdir("/proc/self/fd"))

        def rounds(n):
            for _ in range(n):
                loader = JSONLDatasetLoader().load(path)
                list(loader.raw_dataset())

        rounds(500)  # warm caches and allocator pools
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rounds(10000)
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.assertEqual(len(os.listdir("/proc/self/fd")), fds_before)
        self.assertLess(rss_after - rss_before, 20 * 1024, "peak RSS grew by more than 20 MB over 10,000 calls")


if __name__ == "__main__":
    unittest.main()
