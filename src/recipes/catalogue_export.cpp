#include "recipes/catalogue_export.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "core/atomic_file.hpp"
#include "recipes/builtin_catalogue.hpp"
#include "recipes/hyperpod_payload.hpp"

namespace nova::recipes {
namespace {

using Json = nlohmann::ordered_json;

// Writes files under the output directory, one name per distinct content: a second file
// with the same name but other content gets "-2", "-3", ... before its extension.
class FileWriter {
 public:
  FileWriter(std::filesystem::path root, std::vector<std::string>& written) : root_(std::move(root)), written_(written) {}

  // The path (relative to the root) the text ended up at.
  std::string put(const std::string& folder, const std::string& name, const std::string& text) {
    const auto stem = std::filesystem::path(name).stem().string();
    const auto ext = std::filesystem::path(name).extension().string();
    for (int n = 1;; ++n) {
      const std::string relative = folder + "/" + (n == 1 ? name : stem + "-" + std::to_string(n) + ext);
      auto known = contents_.find(relative);
      if (known == contents_.end()) {
        write(relative, text);
        contents_.emplace(relative, text);
        return relative;
      }
      if (known->second == text) return relative;
    }
  }

  void write(const std::string& relative, const std::string& text) {
    const auto path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    core::AtomicFile file(path.string());
    file.write(text);
    file.commit();
    written_.push_back(relative);
  }

 private:
  std::filesystem::path root_;
  std::vector<std::string>& written_;
  std::map<std::string, std::string> contents_;
};

std::string file_name_of(const std::string& uri) {
  const auto slash = uri.find_last_of('/');
  const std::string name = slash == std::string::npos ? uri : uri.substr(slash + 1);
  return name.empty() ? "unnamed" : name;
}

// <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> -> builtin-image://<repository>:<tag>
std::string builtin_image(const std::string& image, std::map<std::string, std::string>& accounts) {
  static const std::regex ecr(R"(^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/(.+)$)");
  std::smatch m;
  if (!std::regex_match(image, m, ecr)) return image;
  accounts[m[2].str()] = m[1].str();
  return std::string("builtin-image://") + m[3].str();
}

std::string builtin_uri(const std::string& relative) { return std::string(kBuiltinScheme) + relative; }

// Rewrites one recipe entry in place; throws when one of its files cannot be read.
void export_entry(Json& entry, CatalogueSource& hub, FileWriter& files, std::map<std::string, std::string>& accounts) {
  const auto text_of = [&](const char* field) { return hub.read(entry[field].get<std::string>()); };
  const auto has = [&](const char* field) { return entry.contains(field) && entry[field].is_string() && !entry[field].get<std::string>().empty(); };
  if (has("SmtjRecipeTemplateS3Uri"))
    entry["SmtjRecipeTemplateS3Uri"] = builtin_uri(files.put("templates", file_name_of(entry["SmtjRecipeTemplateS3Uri"]), text_of("SmtjRecipeTemplateS3Uri")));
  if (has("SmtjOverrideParamsS3Uri"))
    entry["SmtjOverrideParamsS3Uri"] = builtin_uri(files.put("overrides", file_name_of(entry["SmtjOverrideParamsS3Uri"]), text_of("SmtjOverrideParamsS3Uri")));
  if (has("SmtjImageUri")) entry["SmtjImageUri"] = builtin_image(entry["SmtjImageUri"].get<std::string>(), accounts);
  if (has("HpEksPayloadTemplateS3Uri")) {
    const std::string payload = text_of("HpEksPayloadTemplateS3Uri");
    // The builder strips RFT task_type lines from hub payloads only, so the stored recipe
    // must already be without them.
    const bool rft = entry.value("CustomizationTechnique", "") == "RLVR";
    const std::string recipe = extract_hyperpod_recipe(payload, rft);
    const auto name = std::filesystem::path(file_name_of(entry["HpEksPayloadTemplateS3Uri"])).stem().string() + ".yaml";
    entry["HpEksPayloadTemplateS3Uri"] = builtin_uri(files.put("templates", name, recipe));
    if (const auto image = find_pytorch_image(payload)) entry["HpEksImageUri"] = builtin_image(*image, accounts);
  }
  if (has("HpEksOverrideParamsS3Uri"))
    entry["HpEksOverrideParamsS3Uri"] = builtin_uri(files.put("overrides", file_name_of(entry["HpEksOverrideParamsS3Uri"]), text_of("HpEksOverrideParamsS3Uri")));
}

}  // namespace

CatalogueExport export_catalogue(CatalogueSource& hub, const std::vector<std::string>& hub_content_names,
                                 const std::string& region, const std::filesystem::path& out_dir) {
  CatalogueExport out;
  FileWriter files(out_dir, out.files);
  for (const auto& name : hub_content_names) {
    const HubContent content = hub.hub_content(name);
    Json document = Json::parse(content.document);
    ExportedContent exported{name, content.version, 0, {}};
    Json kept = Json::array();
    for (auto entry : document.value("RecipeCollection", Json::array())) {
      try {
        export_entry(entry, hub, files, out.image_accounts);
        kept.push_back(std::move(entry));
        ++exported.recipes;
      } catch (const std::exception& e) {
        exported.skipped.push_back(entry.value("Name", "(unnamed)") + ": " + e.what());
      }
    }
    document["RecipeCollection"] = std::move(kept);
    Json hub_file;
    hub_file["Comment"] = "Exported by `nova recipe export` from SageMakerPublicHub " + name + " " + content.version +
                          " in " + region + ".";
    for (auto& [key, value] : document.items())
      if (key != "Comment") hub_file[key] = value;
    files.write("hub/" + name + ".json", hub_file.dump(2) + "\n");
    out.contents.push_back(std::move(exported));
  }
  Json manifest{{"region", region}, {"image_accounts", out.image_accounts}, {"contents", Json::array()}};
  for (const auto& c : out.contents)
    manifest["contents"].push_back(
        Json{{"hub_content_name", c.hub_content_name}, {"version", c.version}, {"recipes", c.recipes}, {"skipped", c.skipped}});
  files.write("export.json", manifest.dump(2) + "\n");
  return out;
}

}  // namespace nova::recipes
