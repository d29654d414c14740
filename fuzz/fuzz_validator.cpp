// Every validator over arbitrary JSON lines: issues are fine, crashes are not.
#include <optional>
#include <simdjson.h>
#include <string>

#include "dataset/issue_sink.hpp"
#include "dataset/reader/record_reader.hpp"
#include "dataset/validate/validator.hpp"
#include "nova/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string file = "fuzz";
  simdjson::dom::parser parser;
  const nova::TrainingMethod methods[] = {nova::TrainingMethod::SFT_LORA, nova::TrainingMethod::RFT_LORA,
                                          nova::TrainingMethod::CPT, nova::TrainingMethod::EVALUATION,
                                          nova::TrainingMethod::DPO_LORA};
  const nova::Model models[] = {nova::Model::NOVA_MICRO, nova::Model::NOVA_LITE, nova::Model::NOVA_LITE_2};
  for (auto method : methods) {
    for (auto model : models) {
      std::string skipped;
      std::unique_ptr<nova::dataset::Validator> validator;
      try {
        validator = nova::dataset::make_validator(method, model, std::nullopt, skipped);
      } catch (const nova::ValueError&) {
        continue;  // unsupported combination (RFT on Nova 1)
      }
      if (!validator) continue;
      nova::dataset::IssueSink sink(16);
      auto reader = nova::dataset::make_jsonl_reader(nova::dataset::make_memory_source(input, file));
      nova::dataset::RawRecord raw;
      std::uint64_t i = 0;
      while (reader->next(raw)) {
        auto doc = parser.parse(raw.text.data(), raw.text.size(), false);
        if (doc.error()) continue;
        validator->check(doc.value_unsafe(), nova::dataset::RecordRef{&file, i++, raw.line}, sink);
      }
      validator->finish(sink);
    }
  }
  return 0;
}
