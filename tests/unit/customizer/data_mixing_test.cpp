// Data mixing's rules (hyperpod.md 5): the fields come from the recipe's override schema,
// omitted ones become 0, Nova's percentages sum to 100 unless the customer's data is all of
// it, and every broken rule is named; a refused configuration leaves the previous one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "customizer/data_mixing.hpp"
#include "nova/error.hpp"

namespace nova::customizer {
namespace {

using ::testing::HasSubstr;

DataMixing from_schema() {
  return DataMixing({{"customer_data_percent", Value(100)},
                     {"nova_code_percent", Value(0)},
                     {"nova_general_percent", Value(0)},
                     {"dataset_catalog", Value("s3://catalog/v1")},
                     {"max_steps", Value(10)}},
                    "nova_lite_2_0_p5_gpu_lora_sft_text_with_datamix");
}

std::string error_of(DataMixing& mixing, const std::map<std::string, Value>& config) {
  try {
    mixing.set(config);
  } catch (const ValueError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return {};
}

TEST(DataMixing, FieldsAndTheReadOnlyCatalogComeFromTheSchema) {
  const DataMixing mixing = from_schema();
  ASSERT_TRUE(mixing.enabled());
  const auto config = mixing.get();
  EXPECT_EQ(config.size(), 4u);  // max_steps is not a mixing field
  EXPECT_EQ(config.at("dataset_catalog").as_string(), "s3://catalog/v1");
  EXPECT_EQ(mixing.percentages(),
            (std::map<std::string, double>{{"customer_data_percent", 100}, {"nova_code_percent", 0},
                                           {"nova_general_percent", 0}}));
  EXPECT_TRUE(DataMixing().get().empty());
}

TEST(DataMixing, OmittedFieldsBecomeZeroAndTheCatalogIsIgnored) {
  DataMixing mixing = from_schema();
  mixing.set({{"customer_data_percent", Value(70)}, {"nova_code_percent", Value(40.0)},
              {"nova_general_percent", Value(60)}});
  mixing.set({{"customer_data_percent", Value(30)}, {"nova_general_percent", Value(100)},
              {"dataset_catalog", Value("s3://mine")}});
  EXPECT_EQ(mixing.percentages(),
            (std::map<std::string, double>{{"customer_data_percent", 30}, {"nova_code_percent", 0},
                                           {"nova_general_percent", 100}}));
  EXPECT_EQ(mixing.get().at("dataset_catalog").as_string(), "s3://catalog/v1");
  // All customer data, no Nova data (the reference refuses its own README's example).
  mixing.set({{"customer_data_percent", Value(100)}});
  EXPECT_EQ(mixing.percentages().at("nova_general_percent"), 0.0);
}

TEST(DataMixing, EveryBrokenRuleIsNamedAndNothingChanges) {
  DataMixing mixing = from_schema();
  mixing.set({{"customer_data_percent", Value(50)}, {"nova_code_percent", Value(50)}, {"nova_general_percent", Value(50.005)}});
  const auto before = mixing.percentages();

  EXPECT_THAT(error_of(mixing, {{"nova_math_percent", Value(10)}}),
              HasSubstr("Invalid nova field 'nova_math_percent'. Valid fields are: ['customer_data_percent', "
                        "'nova_code_percent', 'nova_general_percent']"));
  EXPECT_THAT(error_of(mixing, {{"customer_data_percent", Value(150)}}),
              HasSubstr("customer_data_percent must be between 0 and 100, got 150"));
  EXPECT_THAT(error_of(mixing, {{"nova_code_percent", Value("half")}}),
              HasSubstr("nova_code_percent must be a number between 0 and 100, got 'half'"));
  EXPECT_THAT(error_of(mixing, {{"customer_data_percent", Value(60)}, {"nova_code_percent", Value(30)}}),
              HasSubstr("Nova data percentages must sum to 100, got 30. Fields: {'customer_data_percent': 60, "
                        "'nova_code_percent': 30, 'nova_general_percent': 0}"));
  EXPECT_THAT(error_of(mixing, {{"nova_code_percent", Value(30.5)}, {"nova_general_percent", Value(69.0)}}),
              HasSubstr("Nova data percentages must sum to 100, got 99.5."));
  EXPECT_THAT(error_of(mixing, {{"customer_data_percent", Value(100)}, {"nova_code_percent", Value(100)}}),
              HasSubstr("Since customer_data_percent is 100 %, all nova data should sum to 0 %"));
  EXPECT_THAT(error_of(mixing, {{"customer_data_percent", Value(50)}}),
              HasSubstr("Since customer_data_percent is less than 100 % 50%, all nova data cannot be 0Fields: "
                        "{'customer_data_percent': 50, 'nova_code_percent': 0, 'nova_general_percent': 0} should sum to 100 %"));
  // Within 0.01 of 100 is 100.
  EXPECT_NO_THROW(mixing.set({{"nova_code_percent", Value(30.005)}, {"nova_general_percent", Value(70)}}));
  mixing.set({{"customer_data_percent", Value(50)}, {"nova_code_percent", Value(50)}, {"nova_general_percent", Value(50.005)}});
  const std::string both = error_of(mixing, {{"nova_x_percent", Value(1)}, {"customer_data_percent", Value(-1)}});
  EXPECT_THAT(both, HasSubstr("nova_x_percent"));
  EXPECT_THAT(both, HasSubstr("got -1"));
  EXPECT_EQ(mixing.percentages(), before);
}

TEST(DataMixing, OnlyHyperPodCptAndSft) {
  EXPECT_NO_THROW(require_data_mixing_support(TrainingMethod::CPT, Platform::SMHP));
  EXPECT_NO_THROW(require_data_mixing_support(TrainingMethod::SFT_LORA, Platform::SMHP));
  EXPECT_THROW(require_data_mixing_support(TrainingMethod::SFT_LORA, Platform::SMTJ), ValueError);
  EXPECT_THROW(require_data_mixing_support(TrainingMethod::DPO_LORA, Platform::SMHP), ValueError);
  EXPECT_THROW(DataMixing().set({{"customer_data_percent", Value(100)}}), ValueError);
  try {
    require_data_mixing_support(TrainingMethod::SFT_LORA, Platform::SMTJ);
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Data mixing is only supported for [<TrainingMethod.CPT: 'cpt'>, "
                                    "<TrainingMethod.SFT_FULL: 'sft_full'>, <TrainingMethod.SFT_LORA: 'sft_lora'>] "
                                    "training methods on SageMaker HyperPod. Change platform to SMHP or change to a "
                                    "supported training method to use data mixing."));
  }
}

TEST(DataMixing, ARecipeWithoutMixingFieldsIsRefusedNamingForge) {
  try {
    DataMixing({{"max_steps", Value(10)}}, "nova_lite_2_0_p5_gpu_lora_sft");
    FAIL() << "accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("the recipe nova_lite_2_0_p5_gpu_lora_sft has no data-mixing fields"));
    EXPECT_THAT(e.what(), HasSubstr("text_with_datamix"));
  }
}

TEST(DataMixing, SetValuesKeepTheirTypeAndNullLeavesAFieldOutOfTheSum) {
  DataMixing mixing = from_schema();
  mixing.set({{"customer_data_percent", Value(40)}, {"nova_code_percent", Value(25.5)}, {"nova_general_percent", Value(74.5)}});
  EXPECT_EQ(mixing.get().at("customer_data_percent").kind(), Value::Kind::Int);
  EXPECT_EQ(mixing.get().at("nova_code_percent").as_double(), 25.5);
  mixing.set({{"customer_data_percent", Value(100)}, {"nova_code_percent", Value()}, {"nova_general_percent", Value()}});
  EXPECT_EQ(mixing.percentages().at("nova_code_percent"), 0.0);
}

}  // namespace
}  // namespace nova::customizer
