#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/error.hpp"
#include "recipes/hub_catalogue.hpp"
#include "recipes/hyperpod_payload.hpp"

namespace nova::recipes {
namespace {

const char* kPayload = R"(---
# Source: sagemaker-training/templates/training-job.yaml
apiVersion: kubeflow.org/v1
kind: PyTorchJob
spec:
  pytorchReplicaSpecs:
    Master:
      template:
        spec:
          containers:
            - name: pytorch
              image: 708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-HP-RFT-TRAIN-V2-latest
---
# Source: sagemaker-training/templates/training-config.yaml
apiVersion: v1
kind: ConfigMap
data:
  config.yaml: |-
    run:
      name: '{{name}}'
    training_config:
      task_type: rft
      max_length: 10240

      rollout:
        type: off_policy_async
---
# Source: sagemaker-training/templates/other.yaml
kind: Service
)";

TEST(HyperPodPayload, ExtractsTheTrainingConfigBlockDedented) {
  EXPECT_EQ(extract_hyperpod_recipe(kPayload, false),
            "run:\n  name: '{{name}}'\ntraining_config:\n  task_type: rft\n  max_length: 10240\n\n  rollout:\n    type: off_policy_async\n");
}

TEST(HyperPodPayload, RftRecipesLoseTaskType) {
  EXPECT_THAT(extract_hyperpod_recipe(kPayload, true), ::testing::Not(::testing::HasSubstr("task_type")));
}

TEST(HyperPodPayload, FindsThePytorchImage) {
  EXPECT_EQ(find_pytorch_image(kPayload), "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-HP-RFT-TRAIN-V2-latest");
  EXPECT_EQ(find_pytorch_image("kind: Service\n"), std::nullopt);
  // As the hub publishes payloads: the image is a placeholder, which is no image.
  EXPECT_EQ(find_pytorch_image("containers:\n  - name: pytorch\n    image: {{container_image}}\n"), std::nullopt);
}

TEST(HyperPodPayload, NoTrainingConfigIsAClearError) {
  EXPECT_THROW(extract_hyperpod_recipe("---\n# Source: x/training-job.yaml\nkind: PyTorchJob\n", false), ValueError);
}

TEST(HubCatalogue, ReplacesCustomerIdAndReadsAccessPoints) {
  std::vector<std::string> gets;
  int account_calls = 0;
  HubBackend backend;
  backend.describe_hub_content = [](const std::string& name) { return HubContent{name, "2.0.0", R"("{\"RecipeCollection\": []}")"}; };
  backend.get_object = [&](const std::string& bucket, const std::string& key) {
    gets.push_back(bucket + " | " + key);
    return std::string("body");
  };
  backend.account_id = [&] {
    ++account_calls;
    return std::string("123456789012");
  };
  HubCatalogue hub(backend);
  EXPECT_EQ(hub.hub_content("nova-textgeneration-lite").document, "{\"RecipeCollection\": []}");
  hub.read("s3://jumpstart-cache-prod-us-east-1/recipes/{customer_id}/x_payload_template_sm_jobs_v1.0.20.yaml");
  hub.read("s3://arn:aws:s3:us-east-1:{customer_id}:accesspoint/forge/recipes/y.json");
  EXPECT_EQ(account_calls, 1);
  ASSERT_EQ(gets.size(), 2u);
  EXPECT_EQ(gets[0], "jumpstart-cache-prod-us-east-1 | recipes/123456789012/x_payload_template_sm_jobs_v1.0.20.yaml");
  EXPECT_EQ(gets[1], "arn:aws:s3:us-east-1:123456789012:accesspoint/forge | recipes/y.json");
}

TEST(HubCatalogue, AccessPointFailureMentionsTheForgeSubscription) {
  HubBackend backend;
  backend.get_object = [](const std::string&, const std::string&) -> std::string { throw std::runtime_error("AccessDenied"); };
  HubCatalogue hub(backend);
  try {
    hub.read("s3://arn:aws:s3:us-east-1:123456789012:accesspoint/forge/r.yaml");
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("Failed to download from S3 Access Point arn:aws:s3:us-east-1:123456789012:accesspoint/forge"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("Verify if account 123456789012 has Forge subscription"));
  }
  EXPECT_THROW(hub.read("https://example.com/x.yaml"), ValueError);
  EXPECT_THROW(hub.read("s3://arn:aws:s3:us-east-1:123456789012:accesspoint/payload_datamix.yaml"), ValueError);
}

TEST(HubCatalogue, AccessPointUrisAsTheReferenceParsesThem) {
  const TemplateLocation ap = parse_template_uri("s3://arn:aws:s3:us-west-2:334772094012:accesspoint/nova-forge/recipes/a/b.yaml");
  EXPECT_TRUE(ap.access_point);
  EXPECT_EQ(ap.bucket, "arn:aws:s3:us-west-2:334772094012:accesspoint/nova-forge");
  EXPECT_EQ(ap.key, "recipes/a/b.yaml");
  // On AWS the access point answers on its own host, in its own region.
  EXPECT_EQ(access_point_endpoint(ap), "https://nova-forge-334772094012.s3-accesspoint.us-west-2.amazonaws.com");
  const TemplateLocation plain = parse_template_uri("s3://jumpstart-cache-prod-us-east-1/recipes/x.yaml");
  EXPECT_FALSE(plain.access_point);
  EXPECT_EQ(plain.bucket, "jumpstart-cache-prod-us-east-1");
  for (const char* bad : {"s3://bucket", "s3://bu cket/key", "s3://arn:aws:s3:us-east-1:1:outpost/x/y"}) {
    try {
      parse_template_uri(bad);
      ADD_FAILURE() << bad;
    } catch (const ValueError& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr(std::string("Invalid S3 URI or Access Point ARN format: ") + bad));
    }
  }
}

}  // namespace
}  // namespace nova::recipes
