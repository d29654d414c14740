// `--override key=value` values and the override schema JSON of a recipe.
#include "fuzz_support.hpp"
#include "nova/value.hpp"
#include "recipes/override_schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = nova::fuzz::split_selector(data, size);
  const std::uint8_t selector = input.selector;
  const std::string& text = input.rest;
  if (selector & 1) {
    nova::fuzz::refusing([&] {
      auto schema = nova::recipes::OverrideSchema::from_json(text, "fuzz.json");
      for (const auto& key : schema.keys()) (void)schema.find(key);
    });
    return 0;
  }
  nova::fuzz::refusing([&] {
    const auto [key, value] = nova::parse_override(text);
    (void)value.to_yaml();
    (void)nova::recipes::schema_type_of(value);
  });
  (void)nova::parse_yaml_value(text).to_yaml();
  return 0;
}
