// Writes a synthetic dataset of about the requested size, for the benchmarks.
//   nova-bench-gen sft2 SIZE_MB OUT.jsonl   multi-turn SFT Converse for Nova 2 (tools and reasoning in every record)
//   nova-bench-gen qa   SIZE_MB OUT.jsonl   flat {"question", "answer"} records (transform input)
// Deterministic: the same arguments give the same bytes.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kWords[] = {
    "model", "training", "data", "customer", "order", "delivery", "account", "balance", "weather", "forecast",
    "recipe", "ingredient", "schedule", "meeting", "invoice", "payment", "résumé", "café", "naïve", "über",
    "analysis", "summary", "question", "answer", "policy", "return", "warranty", "support", "ticket", "network"};

std::string sentence(std::mt19937& rng, int words) {
  std::string s;
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += kWords[pick(rng)];
  }
  s += '.';
  return s;
}

std::string sft2_record(std::mt19937& rng, std::uint64_t i) {
  std::uniform_int_distribution<int> turns(1, 3);
  std::uniform_int_distribution<int> len(20, 80);
  // The reference's consistency rule wants reasoningContent and toolUse in every record or
  // in none, so a valid file has them everywhere; records still vary in turns and length.
  constexpr bool tools = true;
  constexpr bool reasoning = true;
  std::string r = R"({"schemaVersion": "bedrock-conversation-2024", "system": [{"text": ")" + sentence(rng, 12) + R"("}], )";
  if (tools) {
    r += R"("toolConfig": {"tools": [{"toolSpec": {"name": "get_order", "description": "Look up an order", "inputSchema": {"json": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}}}}]}, )";
  }
  r += R"("messages": [)";
  const int n = turns(rng);
  for (int t = 0; t < n; ++t) {
    if (t) r += ", ";
    r += R"({"role": "user", "content": [{"text": ")" + sentence(rng, len(rng)) + R"("}]}, )";
    r += R"({"role": "assistant", "content": [)";
    if (reasoning) r += R"({"reasoningContent": {"reasoningText": {"text": ")" + sentence(rng, 30) + R"("}}}, )";
    r += R"({"text": ")" + sentence(rng, len(rng)) + R"("}]})";
  }
  if (tools) {
    const std::string id = "call_" + std::to_string(i);
    r += R"(, {"role": "user", "content": [{"text": "Where is order 42?"}]}, )";
    r += R"({"role": "assistant", "content": [{"toolUse": {"toolUseId": ")" + id + R"(", "name": "get_order", "input": {"id": "42"}}}]}, )";
    r += R"({"role": "user", "content": [{"toolResult": {"toolUseId": ")" + id + R"(", "content": [{"text": "shipped"}]}}]}, )";
    r += R"({"role": "assistant", "content": [{"text": "Order 42 has shipped."}]})";
  }
  r += "]}\n";
  return r;
}

std::string qa_record(std::mt19937& rng, std::uint64_t) {
  std::uniform_int_distribution<int> len(30, 120);
  return R"({"question": ")" + sentence(rng, len(rng)) + R"(", "answer": ")" + sentence(rng, len(rng)) + "\"}\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s sft2|qa SIZE_MB OUT.jsonl\n", argv[0]);
    return 2;
  }
  const std::string kind = argv[1];
  const std::uint64_t target = std::strtoull(argv[2], nullptr, 10) << 20;
  std::FILE* out = std::fopen(argv[3], "wb");
  if (!out) {
    std::perror(argv[3]);
    return 2;
  }
  std::mt19937 rng(12345);
  std::uint64_t written = 0;
  for (std::uint64_t i = 0; written < target; ++i) {
    const std::string rec = kind == "qa" ? qa_record(rng, i) : sft2_record(rng, i);
    std::fwrite(rec.data(), 1, rec.size(), out);
    written += rec.size();
  }
  return std::fclose(out) == 0 ? 0 : 1;
}
