"""Every ```python block of the specification runs.

Example blocks run in order in one namespace (later examples use the `customizer`, `loader`
and `result` earlier ones made) against the AWS stand-in with moto behind it. Placeholders
(`...` arguments, /customized/path, the MLflow app ARN, names used but never defined) are
replaced by fixtures below; the S3 objects the examples read are put where they point.

Signature blocks (`def name(...)`) are checked instead: some class or function of the
package named `name` takes exactly those parameters.

Blocks that cannot run yet are listed in EXPECTED_FAILURES with the reason. The test fails
when a listed block passes (remove it from the list) or an unlisted one fails, so a new
example in the specification fails here until it works.
"""
import ast
import contextlib
import inspect
import io
import json
import os
import pkgutil
import re
import tempfile
import traceback
import unittest
import importlib

from support import AwsStandin, HyperPodOnStandin, SFT_RECORD, publish_forge_recipes
from moto_harness import tar_gz

SPEC = os.environ.get("NOVA_SPEC") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                                     "shared", "spec", "nova-customization-sdk-api.md")
MLFLOW_APP = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-SPEC0001"

# Block index -> (its first line, why it cannot run, what its error says).
EXPECTED_FAILURES = {
    7: ("result = customizer.train(",
        "the example's global_batch_size 128 is outside what the Nova Micro SFT LoRA recipe allows: the override "
        "schema of nova_micro_1_0_p5_p4d_gpu_lora_sft_sm_jobs (data/recipes/overrides/) has enum [16, 32, 64], "
        "as the reference's (reference/launch.md 3.3.1), whose recipe check refuses 128 the same way (5.4)",
        "'global_batch_size' must be one of [16, 32, 64]"),
}

# Blocks run in a copy of the namespace: they rebind a name later examples mean otherwise
# (block 5 makes `customizer` a HyperPod one; the examples after it use the SMTJ one).
ISOLATED = {5: "# Must initialize with data_mixing_enabled=True"}

# The HyperPod cluster the examples' SMHPRuntimeManager(...) names.
HYPERPOD_CLUSTER = "my-hyperpod-cluster"


def blocks():
    with open(SPEC, encoding="utf-8") as f:
        return re.findall(r"```python\n(.*?)```", f.read(), re.S)


def first_line(block):
    return block.strip().splitlines()[0].strip()


def is_signature(block):
    return re.match(r"(@\w+\s*\n\s*)*def \w+\(", block.strip()) is not None


def is_definition(block):
    return block.strip().startswith("@dataclass")


# --- fixtures ---------------------------------------------------------------------------------

def put_archive(aws, s3_uri, members):
    bucket, key = s3_uri[len("s3://"):].split("/", 1)
    aws.client("s3").put_object(Bucket=bucket, Key=key, Body=tar_gz(members))


def eval_archive_for(aws, result):
    results = {"results": {"mmlu|anatomy|0": {"acc": 0.75, "acc_stderr": 0.025}}}
    put_archive(aws, result.eval_output_path, {
        f"{result.job_id}/eval_results/results_1.json": json.dumps(results).encode(),
        f"{result.job_id}/eval_results/tensorboard_results/eval/events.out.tfevents.1": b"tf"})


def inference_archive_for(aws, result):
    line = {"prompt": "[{'role': 'user', 'content': 'Capital of France?'}]", "inference": "['Paris']",
            "gold": "Paris"}
    put_archive(aws, result.inference_output_path,
                {f"{result.job_id}/eval_results/inference_output.jsonl": (json.dumps(line) + "\n").encode()})


def substitute(block, tmp):
    """Placeholders of the examples replaced by fixtures."""
    replacements = {
        "arn:aws:sagemaker:us-east-1:123456:mlflow-app/app-xxx": MLFLOW_APP,
        "SMHPRuntimeManager(...)": 'SMHPRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=4, '
                                   f'cluster_name="{HYPERPOD_CLUSTER}", namespace="default")',
        # A finished job's output archive is put in place as soon as the job is started.
        "customizer.evaluate(...)": "finished_evaluation(customizer)",
        "customizer.batch_inference(...)": "finished_batch_inference(customizer)",
        "'/customized/path'": repr(os.path.join(tmp, "customized", "path")),
    }
    for old, new in replacements.items():
        block = block.replace(old, new)
    return block


def seed_aws(aws):
    gen_qa = {"query": "What is 2+2?", "response": "4"}
    for bucket in ("my-bucket", "bucket", "escrow-bucket", "905418167188-data"):
        aws.client("s3").create_bucket(Bucket=bucket)
    aws.put_jsonl("my-bucket", "training-data/data.jsonl", [SFT_RECORD])
    aws.put_jsonl("bucket", "data.jsonl", [SFT_RECORD])
    aws.put_jsonl("bucket", "data/data.jsonl", [SFT_RECORD])
    aws.put_jsonl("my-bucket", "data/training.jsonl", [SFT_RECORD])
    aws.put_jsonl("my-bucket", "inference-input/input.jsonl", [gen_qa])
    aws.put_jsonl("905418167188-data", "yuhag-dev/eval/gen_qa.jsonl", [gen_qa])
    aws.make_role("AmazonSageMaker-DefaultRole")  # moto has no AWS managed policies to attach
    # Data mixing (block 5) needs a Nova Forge recipe, which the hub lists for subscribers.
    publish_forge_recipes(aws)
    aws.server.set_mlflow_apps([{"Name": "DefaultMLFlowApp", "Arn": MLFLOW_APP, "Status": "Created"}])
    # Deploy examples: the import and the deployment are ready at their first poll.
    aws.server._control("PUT", "bedrock/settings", {"describes_to_ready": 1})


def seed_files(tmp):
    os.makedirs(os.path.join(tmp, "data"))
    os.makedirs(os.path.join(tmp, "output"))
    with open(os.path.join(tmp, "data", "training.json"), "w") as f:
        json.dump([{"input": "What is the capital of France?", "output": "Paris."}], f)
    with open(os.path.join(tmp, "data", "conversations.csv"), "w") as f:
        f.write("user_query,bot_response\n")
        for i in range(10):
            f.write(f"Question {i}?,Answer {i}.\n")


def fixture_functions(aws):
    """The `...` calls of the examples: jobs started as the examples before them start them,
    whose output archives are then put where a finished job leaves them."""
    def finished_evaluation(customizer):
        result = customizer.evaluate(job_name="spec-eval", eval_task=EvaluationTask.MMLU,
                                     model_path="s3://my-bucket/checkpoints/my-model/")
        eval_archive_for(aws, result)
        return result

    def finished_batch_inference(customizer):
        result = customizer.batch_inference(job_name="spec-infer", input_path="s3://my-bucket/inference-input/",
                                            output_s3_path="s3://my-bucket/inference-output/",
                                            model_path="s3://my-bucket/trained-model/")
        inference_archive_for(aws, result)
        return result

    from amzn_nova_customization_sdk.recipe import EvaluationTask
    return {"finished_evaluation": finished_evaluation, "finished_batch_inference": finished_batch_inference}


def before_block(first, namespace):
    """What an example reads that an earlier example did not leave."""
    if first.startswith("status, raw_status = result.get_job_status()") and "result" not in namespace:
        # The training example (block 7) cannot run yet: a training job started as it would.
        namespace["result"] = namespace["customizer"].train(job_name="my-training-job")
    if first.startswith("job_result = BaseJobResult.load("):
        namespace["result"].dump(file_name="my_job_result.json")


def after_block(namespace, aws, archived):
    """Finished jobs' output archives, put where the results an example got point (moto
    completes training jobs at once but runs nothing)."""
    for name, put in (("eval_result", eval_archive_for), ("inference_result", inference_archive_for),
                      ("byom_eval_result", eval_archive_for)):
        result = namespace.get(name)
        if result is not None and result.job_id not in archived:
            put(aws, result)
            archived.add(result.job_id)


# --- signatures -----------------------------------------------------------------------------

def package_callables():
    """name -> [callable] over every public class and function of the package."""
    import amzn_nova_customization_sdk as pkg
    found = {}
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if info.name.endswith("._core"):
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module):
            if inspect.isclass(obj) and obj.__module__.startswith(pkg.__name__):
                for name, member in inspect.getmembers(obj):
                    if callable(member) and (not name.startswith("_") or name == "__init__"):
                        found.setdefault(name, []).append(member)
            elif inspect.isfunction(obj) and obj.__module__.startswith(pkg.__name__):
                found.setdefault(obj.__name__, []).append(obj)
    return found


def spec_parameters(block):
    src = block.strip().rstrip(":")
    tree = ast.parse(src + ":\n    ...")
    fn = next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef))
    names = [a.arg for a in fn.args.args + fn.args.kwonlyargs]
    if fn.args.kwarg:
        names.append("**" + fn.args.kwarg.arg)
    return fn.name, [n for n in names if n not in ("self", "cls")]


def our_parameters(fn):
    names = []
    for p in inspect.signature(fn).parameters.values():
        if p.name in ("self", "cls"):
            continue
        names.append("**" + p.name if p.kind is inspect.Parameter.VAR_KEYWORD else p.name)
    return names


class SpecificationExamples(unittest.TestCase):
    def test_every_signature_block_matches_a_package_callable(self):
        ours = package_callables()
        for index, block in enumerate(blocks()):
            if not is_signature(block):
                continue
            name, params = spec_parameters(block)
            with self.subTest(block=index, name=name):
                candidates = [our_parameters(fn) for fn in ours.get(name, [])]
                self.assertIn(params, candidates, f"block {index}: no callable {name}({', '.join(params)})")

    def test_every_example_block_runs(self):
        aws = AwsStandin()
        self.addCleanup(aws.stop)
        seed_aws(aws)
        hyperpod = HyperPodOnStandin(aws)
        self.addCleanup(hyperpod.stop)
        hyperpod.register_cluster(HYPERPOD_CLUSTER)
        tmp = tempfile.TemporaryDirectory(prefix="nova-spec-examples-")
        self.addCleanup(tmp.cleanup)
        cwd = os.getcwd()
        os.chdir(tmp.name)
        self.addCleanup(os.chdir, cwd)
        seed_files(tmp.name)

        namespace = {"__name__": "spec_examples", **fixture_functions(aws)}
        exec("from amzn_nova_customization_sdk import *\n"
             "from amzn_nova_customization_sdk.recipe import *\n"
             "runtime_manager = SMTJRuntimeManager(instance_type='ml.p5.48xlarge', instance_count=4)\n", namespace)
        outcomes = {}
        archived = set()
        for index, block in enumerate(blocks()):
            if is_signature(block) or is_definition(block):
                continue
            first = first_line(block)
            code = substitute(block, tmp.name)
            out = io.StringIO()
            try:
                before_block(first, namespace)
                scope = dict(namespace) if ISOLATED.get(index) == first else namespace
                with contextlib.redirect_stdout(out):
                    exec(compile(code, f"<spec block {index}>", "exec"), scope)
                after_block(namespace, aws, archived)
                outcomes[index] = (first, None)
            except Exception:
                outcomes[index] = (first, traceback.format_exc(limit=3))

        problems = []
        for index, (first, error) in outcomes.items():
            expected = EXPECTED_FAILURES.get(index)
            if expected and expected[0] != first:
                problems.append(f"block {index} starts {first!r}, the list expects {expected[0]!r}: update the list")
            elif expected and error is None:
                problems.append(f"block {index} ({first}) now runs: remove it from EXPECTED_FAILURES")
            elif expected and expected[2] not in error:
                problems.append(f"block {index} ({first}) fails otherwise than listed ({expected[2]!r}):\n{error}")
            elif not expected and error is not None:
                problems.append(f"block {index} ({first}) fails:\n{error}")
        for index in EXPECTED_FAILURES:
            if index not in outcomes:
                problems.append(f"EXPECTED_FAILURES names block {index}, which is not an example block")
        self.assertFalse(problems, "\n\n".join(problems))


if __name__ == "__main__":
    unittest.main()
