// HyperPod manifests (the hub's HpEksPayloadTemplate, the built-in templates, recipes read
// as JSON): parse, emit as `--dry-run` does, and parse the emitted text again. Refusals must
// be ValueError; what was accepted must come back identical, or the dry run shows (and
// kubectl applies) something other than what the SDK would submit.
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "runtime/hyperpod_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<nlohmann::ordered_json> objects;
  try {
    objects = nova::runtime::parse_manifests(nova::fuzz::text_of(data, size), "fuzz template");
  } catch (const nova::ValueError&) {
    return 0;
  }
  const std::string emitted = nova::runtime::manifests_yaml(objects);
  const auto reparsed = nova::runtime::parse_manifests(emitted, "emitted manifests");
  if (reparsed != objects) {
    // The finding is the difference: show it before aborting.
    std::fprintf(stderr, "emitted:\n%s\nparsed first:\n%s\nparsed again:\n%s\n", emitted.c_str(),
                 nlohmann::ordered_json(objects).dump(1).c_str(), nlohmann::ordered_json(reparsed).dump(1).c_str());
    std::abort();
  }
  return 0;
}
