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
#include "runtime/hyperpod_settings.hpp"
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

std::vector<std::string> names_of(const RenderedHyperPodJob& job) {
  std::vector<std::string> out;
  for (const auto& o : job.objects) out.push_back(o.kind() + "/" + o.name());
  return out;
}

const nlohmann::ordered_json& find_object(const RenderedHyperPodJob& job, const std::string& kind,
                                          const std::string& name) {
  for (const auto& o : job.objects)
    if (o.kind() == kind && o.name() == name) return o.body;
  throw std::runtime_error("no " + kind + "/" + name);
}

TEST(HyperPodObjects, RftBuiltInTemplateMatchesItsGolden) {
  const auto job = render_hyperpod_job(spec_for("nova_lite_2_0_p5_gpu_rft_smhp", 4));
  EXPECT_EQ(job.kind, HyperPodJobKind::kRft);
  EXPECT_EQ(job.template_origin, "built-in template templates/rft.yaml");
  check_golden("rft.yaml", yaml_of(job));
}

TEST(HyperPodObjects, RftJobIsEveryObjectOfTheChartInCreationOrder) {
  const std::string n = "golden-job-ab1c2";
  const auto job = render_hyperpod_job(spec_for("nova_lite_2_0_p5_gpu_rft_smhp", 4));
  const std::vector<std::string> expected{
      "Secret/" + n + "-nats-server-box-contexts",
      "ConfigMap/" + n + "-hub-config",
      "ConfigMap/" + n + "-nats-bootstrap-config",
      "ConfigMap/" + n + "-nats-server-config",
      "ConfigMap/" + n + "-prompter-config",
      "ConfigMap/" + n + "-rbs-config",
      "ConfigMap/" + n + "-training-config",
      "ConfigMap/" + n + "-vllm-generation-config",
      "Service/" + n + "-hubcli",
      "Service/" + n + "-nats-server-headless",
      "Service/" + n + "-nats-server",
      "Service/" + n + "-prompter",
      "Service/" + n + "-rbs",
      "Service/" + n + "-vllm",
      "Deployment/" + n + "-hubcli",
      "StatefulSet/" + n + "-nats-server",
      "StatefulSet/" + n + "-vllm",
      "Job/" + n + "-nats-server-bootstrap",
      "Job/" + n + "-prompter",
      "Job/" + n + "-rbs",
      "PyTorchJob/" + n,
  };
  EXPECT_EQ(names_of(job), expected);
  for (const auto& o : job.objects) {
    EXPECT_EQ(o.body["metadata"]["labels"]["nova-sdk/job-name"], n) << o.name();
    EXPECT_EQ(o.body["metadata"]["namespace"], "kubeflow") << o.name();
  }
  // Training: Master 1 + Worker count - 1; generation and hub replicas from the recipe's run.
  const auto& pj = find_object(job, "PyTorchJob", n);
  EXPECT_EQ(pj["spec"]["pytorchReplicaSpecs"]["Worker"]["replicas"], 3);
  EXPECT_EQ(pj["spec"]["runPolicy"]["cleanPodPolicy"], "None");
  EXPECT_EQ(find_object(job, "StatefulSet", n + "-vllm")["spec"]["replicas"], 2);
  EXPECT_EQ(find_object(job, "Deployment", n + "-hubcli")["spec"]["replicas"], 1);
  const auto& vllm = find_object(job, "StatefulSet", n + "-vllm")["spec"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(vllm["image"], "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-HP-RFT-GENERATION-V2-latest");
  EXPECT_EQ(vllm["resources"]["limits"]["nvidia.com/gpu"], 8);
  EXPECT_EQ(vllm["resources"]["limits"]["vpc.amazonaws.com/efa"], 32);
  EXPECT_EQ(vllm["resources"]["limits"]["memory"], "1600Gi");
}

TEST(HyperPodObjects, RftWithOneInstanceKeepsAZeroWorkerAndRedisOnlyWhenDelegated) {
  auto spec = spec_for("nova_lite_2_0_p5_gpu_rft_smhp", 1);
  const auto single = render_hyperpod_job(spec);
  EXPECT_EQ(find_kind(single, "PyTorchJob")["spec"]["pytorchReplicaSpecs"]["Worker"]["replicas"], 0);
  for (const auto& name : names_of(single)) EXPECT_THAT(name, Not(HasSubstr("redis")));

  const auto at = spec.recipe_yaml.find("  rollout:\n");
  ASSERT_NE(at, std::string::npos);
  spec.recipe_yaml.insert(at + 11, "    delegate: true\n");
  const auto at_run = spec.recipe_yaml.find("  generation_replicas: 2\n");
  spec.recipe_yaml.replace(at_run, 25, "  generation_replicas: 5\n  redis_replicas: 2\n");
  const auto delegated = render_hyperpod_job(spec);
  EXPECT_EQ(delegated.objects.size(), single.objects.size() + 2);
  EXPECT_EQ(find_object(delegated, "Deployment", "golden-job-ab1c2-redis")["spec"]["replicas"], 2);
  EXPECT_NO_THROW(find_object(delegated, "Service", "golden-job-ab1c2-redis"));
  EXPECT_EQ(find_object(delegated, "StatefulSet", "golden-job-ab1c2-vllm")["spec"]["replicas"], 5);

  spec.recipe_yaml.replace(spec.recipe_yaml.find("generation_replicas: 5"), 22, "generation_replicas: two");
  EXPECT_THAT([&] { render_hyperpod_job(spec); },
              ::testing::ThrowsMessage<ValueError>(HasSubstr("run.generation_replicas must be a whole number")));
}

TEST(HyperPodObjects, RftConfigMapsHoldRunWithoutReplicaKeysAndTheirTaskType) {
  const auto job = render_hyperpod_job(spec_for("nova_lite_2_0_p5_gpu_rft_smhp", 2));
  const std::map<std::string, std::string> task_types{
      {"training-config", "omega_rl_train"},     {"vllm-generation-config", "storm_gen_vllm"},
      {"hub-config", "storm_hub"},               {"nats-bootstrap-config", "storm_nats_bootstrap"},
      {"prompter-config", "storm_prompt_loader"}, {"rbs-config", "storm_rbs"}};
  for (const auto& [suffix, task_type] : task_types) {
    SCOPED_TRACE(suffix);
    const std::string text = find_object(job, "ConfigMap", "golden-job-ab1c2-" + suffix)["data"]["config.yaml"];
    const auto docs = parse_manifests(text, suffix);
    ASSERT_EQ(docs.size(), 1u);
    const auto& config = docs[0];
    EXPECT_EQ(config["run"]["name"], "golden-job-ab1c2");
    EXPECT_EQ(config["run"]["replicas"], 4);  // the recipe's own; the pods' count comes from the objects
    EXPECT_FALSE(config["run"].contains("generation_replicas"));
    EXPECT_FALSE(config["run"].contains("rollout_worker_replicas"));
    EXPECT_EQ(config["training_config"]["task_type"], task_type);
    EXPECT_EQ(config["training_config"]["rollout"]["generator"]["max_new_tokens"], 8192);
    EXPECT_EQ(config.size(), 2u);  // run and training_config only
  }
  // The NATS server's own configuration is not a recipe and is left as the chart writes it.
  const std::string nats = find_object(job, "ConfigMap", "golden-job-ab1c2-nats-server-config")["data"]["nats.conf"];
  EXPECT_THAT(nats, HasSubstr("nats://golden-job-ab1c2-nats-server-0.golden-job-ab1c2-nats-server-headless:6222"));
}

TEST(HyperPodObjects, RftFromTheHubPayloadIsRenderedTheSameWay) {
  auto spec = spec_for("nova_lite_2_0_p5_gpu_rft_smhp", 4);
  // The hub's RFT payload has the chart's files in the generator's order and literal counts
  // from the recipe it was generated with; the renderer overrides them from this recipe.
  std::string payload = testing::read_file(testing::fixture("hyperpod/hub_payload_rft.yaml"));
  spec.payload_template = payload;
  const auto hub = render_hyperpod_job(spec);
  EXPECT_EQ(hub.template_origin, "hub payload template");
  spec.payload_template.reset();
  const auto builtin = render_hyperpod_job(spec);
  EXPECT_EQ(names_of(hub), names_of(builtin));
  EXPECT_EQ(find_object(hub, "StatefulSet", "golden-job-ab1c2-vllm")["spec"]["replicas"], 2);
  EXPECT_EQ(find_kind(hub, "PyTorchJob")["spec"]["pytorchReplicaSpecs"]["Worker"]["replicas"], 3);
  for (const auto& o : hub.objects) {
    if (o.kind() != "ConfigMap" || o.name() == "golden-job-ab1c2-nats-server-config") continue;
    EXPECT_EQ(o.body["data"]["config.yaml"], find_object(builtin, "ConfigMap", o.name())["data"]["config.yaml"]) << o.name();
  }
}

TEST(HyperPodObjects, RftServiceNamesMustStartWithALetter) {
  auto spec = spec_for("nova_lite_2_0_p5_gpu_rft_smhp", 2);
  spec.name = "1rft-ab1c2";
  EXPECT_THAT([&] { render_hyperpod_job(spec); },
              ::testing::ThrowsMessage<ValueError>(HasSubstr("Service name '1rft-ab1c2-hubcli' is not a valid Kubernetes "
                                                             "name: must start with a lower-case letter")));
}

TEST(HyperPodJobName, RftNamesLeaveRoomForTheLongestObjectName) {
  const std::string name = hyperpod_job_name_with(std::string(60, 'r'), "ab1c2", hyperpod_settings().rft_name_prefix_max_length);
  EXPECT_EQ(name, std::string(34, 'r') + "-ab1c2");
  EXPECT_LE((name + "-nats-server-bootstrap").size(), 63u);
  EXPECT_LE(("gpu-intensive-" + name).size(), 63u);
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
