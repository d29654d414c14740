#include "recipes/catalogue.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/log.hpp"
#include "nova/error.hpp"

namespace nova::recipes {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  core::AtomicFile file(path.string());
  file.write(text);
  file.commit();
}

// One path component per URI: anything but [A-Za-z0-9._-] becomes '_' plus its hex code.
std::string escape_uri(const std::string& uri) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : uri) {
    if (std::isalnum(c) || c == '.' || c == '-') {
      out += static_cast<char>(c);
    } else {
      out += '_';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string safe_component(const std::string& s) {
  if (s.empty() || s == "." || s == ".." || s.find('/') != std::string::npos) return escape_uri(s);
  return s;
}

std::int64_t seconds_since_epoch(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::filesystem::path default_cache_dir() {
  if (const char* dir = std::getenv("NOVA_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "nova-sdk";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "nova-sdk";
  return {};
}

Catalogue::Catalogue(std::shared_ptr<CatalogueSource> hub, CatalogueOptions options, std::string hub_unavailable_reason)
    : hub_(std::move(hub)), options_(std::move(options)), hub_unavailable_reason_(std::move(hub_unavailable_reason)) {
  if (!hub_ && hub_unavailable_reason_.empty()) hub_unavailable_reason_ = "no AWS access configured";
}

std::filesystem::path Catalogue::content_dir(const std::string& name) const {
  return options_.cache_dir / safe_component(options_.region.empty() ? "no-region" : options_.region) / safe_component(name);
}

void Catalogue::store(const HubContent& content) {
  if (options_.cache_dir.empty()) return;
  try {
    const auto dir = content_dir(content.name);
    write_file(dir / safe_component(content.version) / "document.json", content.document);
    nlohmann::json latest{{"version", content.version}, {"fetched_at", seconds_since_epoch(options_.now())}};
    write_file(dir / "latest.json", latest.dump() + "\n");
  } catch (const std::exception& e) {
    // A cache that cannot be written only costs the next run a network call.
    core::log(core::LogLevel::kWarn, std::string("recipe cache not written: ") + e.what());
  }
}

std::optional<HubContent> Catalogue::ask_hub(const std::string& name, std::string& why_not) {
  if (auto known = hub_failures_.find(name); known != hub_failures_.end()) {
    why_not = known->second;
    return std::nullopt;
  }
  why_not = hub_unavailable_reason_;
  if (hub_) {
    try {
      return hub_->hub_content(name);
    } catch (const std::exception& e) {
      why_not = e.what();
    }
  }
  // Without a hub (offline on purpose) the origin says enough; a failing hub is news.
  core::log(hub_ ? core::LogLevel::kWarn : core::LogLevel::kInfo,
            "recipe hub unreachable for " + name + " (using the cached or built-in catalogue): " + why_not);
  hub_failures_.emplace(name, why_not);
  return std::nullopt;
}

LoadedCatalogue Catalogue::load(const std::string& name) {
  std::optional<HubContent> cached;
  bool fresh = false;
  if (!options_.cache_dir.empty()) {
    const auto dir = content_dir(name);
    if (auto latest_text = read_file(dir / "latest.json")) {
      const auto latest = nlohmann::json::parse(*latest_text, nullptr, false);
      if (latest.is_object() && latest.contains("version") && latest["version"].is_string()) {
        const auto version = latest["version"].get<std::string>();
        if (auto document = read_file(dir / safe_component(version) / "document.json")) {
          cached = HubContent{name, version, *document};
          const auto age = seconds_since_epoch(options_.now()) - latest.value("fetched_at", std::int64_t{0});
          fresh = age >= 0 && age < options_.ttl.count();
        }
      }
    }
  }
  if (cached && fresh) return {*cached, "cache " + cached->version, false};

  std::string reason;
  const auto fetched = ask_hub(name, reason);
  if (fetched) {
    store(*fetched);
    return {*fetched, "hub " + fetched->version, false};
  }
  if (cached) return {*cached, "cache " + cached->version + " (hub unreachable: " + reason + ")", false};
  return {builtin_.hub_content(name), "built-in catalogue (hub unreachable: " + reason + ")", true};
}

std::string Catalogue::read(const LoadedCatalogue& from, const std::string& uri) {
  if (uri.rfind(kBuiltinScheme, 0) == 0) return builtin_.read(uri);
  std::filesystem::path cached;
  if (!options_.cache_dir.empty()) {
    cached = content_dir(from.content.name) / safe_component(from.content.version) / "files" / escape_uri(uri);
    if (auto text = read_file(cached)) return *text;
  }
  if (!hub_)
    throw ValueError("recipe template " + uri + " is not cached and the hub cannot be reached (" + hub_unavailable_reason_ + ")");
  std::string text = hub_->read(uri);
  if (!cached.empty()) {
    try {
      write_file(cached, text);
    } catch (const std::exception& e) {
      core::log(core::LogLevel::kWarn, std::string("recipe cache not written: ") + e.what());
    }
  }
  return text;
}

}  // namespace nova::recipes
