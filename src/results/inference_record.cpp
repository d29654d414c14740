#include "results/inference_record.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "nova/error.hpp"
#include "results/python_json.hpp"

namespace nova::results {
namespace {

using Json = nlohmann::ordered_json;

std::string text_of(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return python_json_dumps(v, /*ensure_ascii=*/false);
}

// The content of the first `'role': '<role>', 'content': <q>...<q>` in a Python list repr,
// where <q> is one of `quotes` (repr picks " when the text holds a ').
std::string turn_content(const std::string& prompt, const std::string& role, std::string_view quotes) {
  const std::string marker = "'role': '" + role + "', 'content': ";
  for (std::size_t at = prompt.find(marker); at != std::string::npos; at = prompt.find(marker, at + 1)) {
    const std::size_t open = at + marker.size();
    if (open >= prompt.size() || quotes.find(prompt[open]) == std::string_view::npos) continue;
    const std::size_t close = prompt.find(prompt[open], open + 1);
    if (close == std::string::npos) continue;
    return prompt.substr(open + 1, close - open - 1);
  }
  return "";
}

void erase_all(std::string& s, std::string_view what) {
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at)) s.erase(at, what.size());
}

// "['answer\\n']" -> "answer": the list brackets, literal \n and backslashes go.
std::string clean_inference(std::string text) {
  erase_all(text, "\\n");
  erase_all(text, "\\");
  erase_all(text, "['");
  erase_all(text, "']");
  return text;
}

bool is_empty_metadata(const Json& v) {
  return v.is_null() || ((v.is_string() || v.is_object() || v.is_array()) && v.empty()) ||
         (v.is_string() && v.get_ref<const std::string&>().empty());
}

}  // namespace

InferenceRecord format_inference_line(const std::string& line, const std::string& where) {
  const Json doc = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    throw DataPrepError(fmt::format("{}: not a JSON object; each line of inference_output.jsonl is "
                                    "{{\"prompt\", \"inference\", \"gold\"[, \"metadata\"]}}",
                                    where));
  }
  const auto field = [&](const char* key) { return doc.contains(key) ? doc.at(key) : Json(); };
  const std::string prompt = text_of(field("prompt"));
  InferenceRecord r;
  r.system = turn_content(prompt, "system", "'");
  r.query = turn_content(prompt, "user", "'\"");
  r.gold_response = text_of(field("gold"));
  r.inference_response = clean_inference(text_of(field("inference")));
  if (const Json metadata = field("metadata"); !is_empty_metadata(metadata)) {
    r.metadata_json = python_json_dumps(metadata, /*ensure_ascii=*/false);
  }
  return r;
}

std::string inference_record_json(const InferenceRecord& record) {
  Json out = {{"system", record.system},
              {"query", record.query},
              {"gold_response", record.gold_response},
              {"inference_response", record.inference_response}};
  if (record.metadata_json) out["metadata"] = Json::parse(*record.metadata_json);
  return python_json_dumps(out, /*ensure_ascii=*/false);
}

}  // namespace nova::results
