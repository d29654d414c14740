// In-memory micro-benchmarks of the dataset hot path (no disk): parse + validate and
// parse + write, per record, on the synthetic SFT records the generator makes.
#include <benchmark/benchmark.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "dataset/issue_sink.hpp"
#include "dataset/json/python_json_writer.hpp"
#include "dataset/reader/record_reader.hpp"
#include "dataset/validate/validator.hpp"

namespace {

std::string sample_records() {
  std::string data;
  const std::string rec =
      R"({"schemaVersion": "bedrock-conversation-2024", "system": [{"text": "You are a support agent."}], )"
      R"("messages": [{"role": "user", "content": [{"text": "Where is my order? It was due on Monday and the tracking page shows nothing at all."}]}, )"
      R"({"role": "assistant", "content": [{"reasoningContent": {"reasoningText": {"text": "The user wants the order status."}}}, {"text": "Let me check that for you right away; could you share the order number?"}]}]})"
      "\n";
  while (data.size() < (std::size_t{8} << 20)) data += rec;
  return data;
}

void BM_ReadParseValidate(benchmark::State& state) {
  const std::string data = sample_records();
  simdjson::dom::parser parser;
  for (auto _ : state) {
    std::string skipped;
    auto validator = nova::dataset::make_validator(nova::TrainingMethod::SFT_LORA, nova::Model::NOVA_LITE_2,
                                                   std::nullopt, skipped);
    nova::dataset::IssueSink sink;
    auto reader = nova::dataset::make_jsonl_reader(nova::dataset::make_memory_source(data, "mem"));
    nova::dataset::RawRecord raw;
    const std::string file = "mem";
    std::uint64_t i = 0;
    while (reader->next(raw)) {
      auto doc = parser.parse(raw.text.data(), raw.text.size(), false);
      validator->check(doc.value_unsafe(), nova::dataset::RecordRef{&file, i++, raw.line}, sink);
    }
    benchmark::DoNotOptimize(sink.total());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_ReadParseValidate)->Unit(benchmark::kMillisecond);

void BM_ReadParseWrite(benchmark::State& state) {
  const std::string data = sample_records();
  simdjson::dom::parser parser;
  std::string out;
  for (auto _ : state) {
    auto reader = nova::dataset::make_jsonl_reader(nova::dataset::make_memory_source(data, "mem"));
    nova::dataset::RawRecord raw;
    while (reader->next(raw)) {
      out.clear();
      nova::dataset::PythonJsonWriter writer(out);
      writer.value(parser.parse(raw.text.data(), raw.text.size(), false).value_unsafe());
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_ReadParseWrite)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
