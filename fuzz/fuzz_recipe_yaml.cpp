// Recipe YAML (user recipe files, hub templates): parse, walk, emit, and parse the emitted
// text again. Refusals must be ValueError; the emitted YAML must always parse back.
#include "fuzz_support.hpp"
#include "recipes/recipe_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = nova::fuzz::text_of(data, size);
  nova::recipes::RecipeNode root;
  try {
    root = nova::recipes::parse_recipe_yaml(text, "fuzz.yaml");
  } catch (const nova::ValueError&) {
    return 0;
  }
  nova::recipes::for_each_leaf(root, [](const std::string&, const std::string&, const nova::recipes::RecipeNode& leaf) {
    (void)nova::recipes::placeholder_of(leaf.value);
  });
  const std::string emitted = nova::recipes::emit_recipe_yaml(root);
  // A recipe we wrote must read back: generated recipes are uploaded and parsed by the job.
  (void)nova::recipes::parse_recipe_yaml(emitted, "emitted.yaml");
  return 0;
}
