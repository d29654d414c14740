// The Kubernetes objects of HyperPod jobs: goldens for every recipe kind (built-in
// template) and for a hub payload template; the Worker-count trap, labels, names.
// NOVA_UPDATE_GOLDENS=1 rewrites tests/fixtures/hyperpod/*.yaml; otherwise byte for byte.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "nova/error.hpp"
#include "runtime/hyperpod_job_name.hpp"
#include "runtime/hyperpod_objects.hpp"
#include "runtime/hyperpod_yaml.hpp"
#include "support/test_paths.hpp"

namespace nova::runtime {
namespace {

using ::testing::HasSubstr;

HyperPodJobSpec spec_for(const std::string& recipe_fixture, int count) {
  HyperPodJobSpec spec;
  spec.name = "golden-job-ab1c2";
  spec.namespace_name = "kubeflow";
  spec.image = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-HP-SFT-latest";
  spec.instance_type = "ml.p5.48xlarge";
  spec.instance_count = count;
  spec.region = "us-east-1";
  spec.account = "123456789012";
  spec.recipe_yaml = testing::read_file(testing::fixture("recipes/" + recipe_fixture + ".yaml"));
  return spec;
}

std::string yaml_of(const RenderedHyperPodJob& job) {
  std::vector<nlohmann::ordered_json> bodies;
  for (const auto& o : job.objects) bodies.push_back(o.body);
  return manifests_yaml(bodies);
}

void check_golden(const std::string& file, const std::string& actual) {
  const auto path = testing::fixture("hyperpod/" + file);
  const char* update = std::getenv("NOVA_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with NOVA_UPDATE_GOLDENS=1";
  EXPECT_EQ(testing::read_file(path), actual) << "golden " << path;
}

const nlohmann::ordered_json& find_kind(const RenderedHyperPodJob& job, const std::string& kind) {
  for (const auto& o : job.objects)
    if (o.kind() == kind) return o.body;
  throw std::runtime_error("no " + kind);
}

struct GoldenCase {
  const char* golden;
  const char* recipe;
  int count;
};

TEST(HyperPodObjects, EveryRecipeKindMatchesItsGolden) {
  const GoldenCase cases[] = {
      {"sft_lora.yaml", "nova_lite_2_0_p5_gpu_lora_sft_smhp", 4},
      {"sft_full.yaml", "nova_lite_2_0_p5_gpu_sft_smhp", 4},
      {"dpo.yaml", "nova_lite_1_0_p5_p4d_gpu_dpo_smhp", 4},
      {"cpt.yaml", "nova_lite_2_0_p5x8_gpu_pretrain_smhp", 8},
      {"evaluation.yaml", "nova_lite_1_0_p5_48xl_gpu_general_text_benchmark_eval_smhp", 1},
      {"sft_lora_single_instance.yaml", "nova_lite_2_0_p5_gpu_lora_sft_smhp", 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.golden);
    const auto job = render_hyperpod_job(spec_for(c.recipe, c.count));
    EXPECT_THAT(job.template_origin, HasSubstr("built-in template"));
    check_golden(c.golden, yaml_of(job));
  }
}

TEST(HyperPodObjects, HubPayloadGetsWorkerCountMinusOneAndTheResolvedRecipe) {
  auto spec = spec_for("nova_lite_1_0_p5_p4d_gpu_lora_sft_smhp", 4);
  spec.payload_template = testing::read_file(testing::fixture("hyperpod/hub_payload_lora_sft.yaml"));
  const auto job = render_hyperpod_job(spec);
  EXPECT_EQ(job.template_origin, "hub payload template");
  const auto& pj = find_kind(job, "PyTorchJob");
  EXPECT_EQ(pj["spec"]["pytorchReplicaSpecs"]["Master"]["replicas"], 1);
  EXPECT_EQ(pj["spec"]["pytorchReplicaSpecs"]["Worker"]["replicas"], 3);
  const std::string config = find_kind(job, "ConfigMap")["data"]["config.yaml"];
  EXPECT_THAT(config, HasSubstr("name: golden-job-ab1c2\n"));
  EXPECT_THAT(config, Not(HasSubstr("{{")));
  check_golden("hub_payload_lora_sft.rendered.yaml", yaml_of(job));
}

TEST(HyperPodObjects, HubPayloadWithOneInstanceHasNoWorker) {
  auto spec = spec_for("nova_lite_1_0_p5_p4d_gpu_lora_sft_smhp", 1);
  spec.payload_template = testing::read_file(testing::fixture("hyperpod/hub_payload_lora_sft.yaml"));
  const auto job = render_hyperpod_job(spec);
  const auto& pj = find_kind(job, "PyTorchJob");
  EXPECT_FALSE(pj["spec"]["pytorchReplicaSpecs"].contains("Worker"));
}

TEST(HyperPodObjects, DevicesFollowTheInstanceType) {
  auto spec = spec_for("nova_lite_1_0_p5_p4d_gpu_lora_sft_smhp", 2);
  spec.instance_type = "ml.p4d.24xlarge";
  spec.payload_template = testing::read_file(testing::fixture("hyperpod/hub_payload_lora_sft.yaml"));
  const auto job = render_hyperpod_job(spec);
  const auto& container = find_kind(job, "PyTorchJob")["spec"]["pytorchReplicaSpecs"]["Worker"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(container["resources"]["limits"]["vpc.amazonaws.com/efa"], 4);
  EXPECT_EQ(container["env"][0]["value"], "ml.p4d.24xlarge");
}

TEST(HyperPodObjects, EveryObjectCarriesTheJobLabelAndNamespace) {
  const auto job = render_hyperpod_job(spec_for("nova_lite_2_0_p5_gpu_lora_sft_smhp", 2));
  ASSERT_EQ(job.objects.size(), 2u);
  EXPECT_EQ(job.objects[0].kind(), "ConfigMap");  // created first: the pods mount it
  EXPECT_EQ(job.objects[0].collection_path, "/api/v1/namespaces/kubeflow/configmaps");
  EXPECT_EQ(job.objects[1].path, "/apis/kubeflow.org/v1/namespaces/kubeflow/pytorchjobs/golden-job-ab1c2");
  for (const auto& o : job.objects) {
    EXPECT_EQ(o.body["metadata"]["labels"]["nova-sdk/job-name"], "golden-job-ab1c2");
    EXPECT_EQ(o.body["metadata"]["namespace"], "kubeflow");
  }
  EXPECT_EQ(hyperpod_job_selector("golden-job-ab1c2"), "nova-sdk/job-name=golden-job-ab1c2");
}

TEST(HyperPodObjects, UnfilledPlaceholdersAreRefused) {
  auto spec = spec_for("nova_lite_2_0_p5_gpu_lora_sft_smhp", 2);
  spec.payload_template = testing::read_file(testing::fixture("hyperpod/hub_payload_lora_sft.yaml")) +
                          "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra-{{name}}\ndata:\n  a: '{{mystery}}'\n";
  EXPECT_THROW(
      {
        try {
          render_hyperpod_job(spec);
        } catch (const ValueError& e) {
          EXPECT_THAT(e.what(), HasSubstr("{{mystery}}"));
          throw;
        }
      },
      ValueError);
}

TEST(HyperPodObjects, UnknownInstanceTypeAndRegionAreNamed) {
  auto spec = spec_for("nova_lite_2_0_p5_gpu_lora_sft_smhp", 2);
  spec.instance_type = "ml.m5.large";
  try {
    render_hyperpod_job(spec);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("ml.p5.48xlarge"));
  }
  spec = spec_for("nova_lite_2_0_p5_gpu_lora_sft_smhp", 2);
  spec.region = "sa-east-1";
  try {
    render_hyperpod_job(spec);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("us-east-1"));
  }
}

TEST(HyperPodObjects, JobKindsFollowTheLauncherRule) {
  EXPECT_EQ(hyperpod_job_kind("run:\n  name: a\nevaluation:\n  task: mmlu\n"), HyperPodJobKind::kEvaluation);
  EXPECT_EQ(hyperpod_job_kind("run:\n  name: a\n  generation_replicas: 2\n"), HyperPodJobKind::kRft);
  EXPECT_EQ(hyperpod_job_kind("run:\n  name: a\ntraining_config:\n  data:\n    type: single-turn\n"), HyperPodJobKind::kRft);
  EXPECT_EQ(hyperpod_job_kind("run:\n  name: a\ntraining_config:\n  max_length: 10\n"), HyperPodJobKind::kTraining);
}

TEST(HyperPodJobName, LauncherRuleWithAValidKubernetesName) {
  EXPECT_EQ(hyperpod_job_name_with("my-sft", "ab1c2"), "my-sft-ab1c2");
  EXPECT_EQ(hyperpod_job_name_with("My_SFT_Run", "ab1c2"), "my-sft-run-ab1c2");
  EXPECT_EQ(hyperpod_job_name_with(std::string(60, 'a'), "ab1c2"), std::string(47, 'a') + "-ab1c2");
  EXPECT_THAT(hyperpod_job_name("my-sft"), ::testing::MatchesRegex("my-sft-[a-z0-9]{5}"));
  for (const char* bad : {"my.job", "-lead", "spa ce", ""}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(hyperpod_job_name_with(bad, "ab1c2"), ValueError);
  }
}

TEST(HyperPodJobName, RunNameInTheRecipeIsReplaced) {
  const std::string recipe = "run:\n  model_type: x\n  name: old\ntraining_config:\n  name: keep\n";
  EXPECT_EQ(with_run_name(recipe, "new-ab1c2"), "run:\n  model_type: x\n  name: new-ab1c2\ntraining_config:\n  name: keep\n");
  EXPECT_THROW(with_run_name("training_config:\n  name: x\n", "n"), ValueError);
}

TEST(HyperPodYaml, RoundTripKeepsTypes) {
  const std::string text = "---\na: \"8\"\nb: 8\nc: 'true'\nd: true\ne: |-\n  line1\n  line2\nf:\n- x: 1\n  y: ''\n- []\n";
  const auto docs = parse_manifests(text, "test");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0]["a"].is_string());
  EXPECT_TRUE(docs[0]["b"].is_number_integer());
  EXPECT_TRUE(docs[0]["c"].is_string());
  EXPECT_TRUE(docs[0]["d"].is_boolean());
  EXPECT_EQ(docs[0]["e"], "line1\nline2");
  EXPECT_EQ(parse_manifests(manifests_yaml(docs), "again"), docs);
}

}  // namespace
}  // namespace nova::runtime
