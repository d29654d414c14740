#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "recipe_test_support.hpp"
#include "support/scoped_env.hpp"
#include "support/test_paths.hpp"

namespace nova::recipes {
namespace {

using ::testing::HasSubstr;
using testing::CountingHub;
using testing::request_for;

struct Clock {
  std::chrono::system_clock::time_point now{std::chrono::seconds(1'800'000'000)};
};

CatalogueOptions options_for(const testing::TempDir& dir, Clock& clock) {
  CatalogueOptions options{"us-east-1", dir.path()};
  options.now = [&clock] { return clock.now; };
  return options;
}

TEST(RecipeCatalogue, WarmRunMakesNoNetworkCall) {
  testing::TempDir dir;
  Clock clock;
  auto hub = std::make_shared<CountingHub>();
  const auto request = request_for(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, Platform::SMTJ);

  Catalogue cold(hub, options_for(dir, clock));
  const auto first = resolve_recipe(request, cold);
  EXPECT_EQ(first.origin, "hub 1.0.20");
  EXPECT_EQ(hub->documents, 1);
  EXPECT_EQ(hub->reads, 2);  // template + override parameters

  Catalogue warm(hub, options_for(dir, clock));
  const auto second = resolve_recipe(request, warm);
  EXPECT_EQ(second.origin, "cache 1.0.20");
  EXPECT_EQ(second.hub_content_version, "1.0.20");
  EXPECT_EQ(second.yaml, first.yaml);
  EXPECT_EQ(hub->documents, 1);
  EXPECT_EQ(hub->reads, 2);
}

TEST(RecipeCatalogue, ExpiredDocumentIsFetchedAgain) {
  testing::TempDir dir;
  Clock clock;
  auto hub = std::make_shared<CountingHub>();
  Catalogue catalogue(hub, options_for(dir, clock));
  catalogue.load("nova-textgeneration-pro");
  clock.now += std::chrono::hours(25);
  EXPECT_EQ(catalogue.load("nova-textgeneration-pro").origin, "hub 1.0.20");
  EXPECT_EQ(hub->documents, 2);
}

TEST(RecipeCatalogue, UnreachableHubFallsBackToStaleCacheThenBuiltin) {
  testing::TempDir dir;
  Clock clock;
  auto hub = std::make_shared<CountingHub>();
  Catalogue catalogue(hub, options_for(dir, clock));
  catalogue.load("nova-textgeneration-pro");
  clock.now += std::chrono::hours(48);
  hub->fail = true;
  EXPECT_EQ(catalogue.load("nova-textgeneration-pro").origin, "cache 1.0.20 (hub unreachable: connection refused)");
  const auto builtin = catalogue.load("nova-textgeneration-micro");
  EXPECT_EQ(builtin.origin, "built-in catalogue (hub unreachable: connection refused)");
  EXPECT_TRUE(builtin.builtin);
}

TEST(RecipeCatalogue, NoHubReportsWhy) {
  Catalogue catalogue(nullptr, CatalogueOptions{"us-east-1", {}}, "no credentials");
  auto request = request_for(Model::NOVA_PRO, TrainingMethod::SFT_FULL, Platform::SMHP);
  EXPECT_EQ(resolve_recipe(request, catalogue).origin, "built-in catalogue (hub unreachable: no credentials)");
}

TEST(RecipeCatalogue, FailedHubIsAskedOncePerContentNameWithOneWarning) {
  testing::TempDir dir;
  Clock clock;
  auto hub = std::make_shared<CountingHub>();
  hub->fail = true;
  testing::ScopedEnvironment env{{"NOVA_LOG", "warn"}};
  Catalogue catalogue(hub, options_for(dir, clock));
  const auto request = request_for(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, Platform::SMTJ);
  ::testing::internal::CaptureStderr();
  const auto first = resolve_recipe(request, catalogue);
  const auto second = resolve_recipe(request, catalogue);
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(hub->documents, 1);
  EXPECT_EQ(first.origin, "built-in catalogue (hub unreachable: connection refused)");
  EXPECT_EQ(second.origin, first.origin);
  EXPECT_THAT(log, HasSubstr("recipe hub unreachable for nova-textgeneration-lite-v2"));
  EXPECT_EQ(log.find("recipe hub unreachable"), log.rfind("recipe hub unreachable")) << log;
  // Another content name is still asked.
  catalogue.load("nova-textgeneration-pro");
  EXPECT_EQ(hub->documents, 2);
}

TEST(RecipeCatalogue, CacheDirectoryFollowsTheEnvironment) {
  testing::ScopedEnvironment env{{"NOVA_CACHE_DIR", "/x/nova"}, {"XDG_CACHE_HOME", "/x/xdg"}, {"HOME", "/x/home"}};
  EXPECT_EQ(default_cache_dir(), "/x/nova");
  env.unset("NOVA_CACHE_DIR");
  EXPECT_EQ(default_cache_dir(), "/x/xdg/nova-sdk");
  env.unset("XDG_CACHE_HOME");
  EXPECT_EQ(default_cache_dir(), "/x/home/.cache/nova-sdk");
}

}  // namespace
}  // namespace nova::recipes
