#include "aws/core/credentials/credentials_util.hpp"

#include <cctype>
#include <ctime>

#include <nlohmann/json.hpp>

namespace nova::aws {
namespace {

bool read_int(std::string_view s, std::size_t& pos, std::size_t digits, int& out) {
  if (pos + digits > s.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += digits;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::string format_iso8601(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view s) {
  using namespace std::chrono;
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!read_int(s, pos, 4, y) || !expect(s, pos, '-') || !read_int(s, pos, 2, mo) || !expect(s, pos, '-') ||
      !read_int(s, pos, 2, d)) {
    return std::nullopt;
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!read_int(s, pos, 2, h) || !expect(s, pos, ':') || !read_int(s, pos, 2, mi) || !expect(s, pos, ':') ||
      !read_int(s, pos, 2, sec)) {
    return std::nullopt;
  }
  nanoseconds fraction{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    long long scale = 100'000'000;
    const auto start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      fraction += nanoseconds((s[pos] - '0') * scale);
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  minutes offset{0};
  if (pos < s.size()) {
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      const int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      int oh = 0, om = 0;
      if (!read_int(s, pos, 2, oh)) return std::nullopt;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (!read_int(s, pos, 2, om)) return std::nullopt;
      offset = minutes(sign * (oh * 60 + om));
    }
  }
  if (pos != s.size()) return std::nullopt;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  const auto tp = sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec) + fraction - offset;
  return time_point_cast<system_clock::duration>(tp);
}

Credentials parse_credentials_json(std::string_view text, const CredentialsJsonFormat& format,
                                   const std::string& what, std::string source) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    // parse_error and out_of_range (a number too large for a double) alike. Do not relay the
    // parser's message: it can quote the bytes around the error.
    throw ConfigError(what + " did not return valid JSON");
  }
  if (!doc.is_object()) throw ConfigError(what + " did not return a JSON object");
  auto string_field = [&](const char* name, bool required) -> std::string {
    const auto it = doc.find(name);
    if (it == doc.end() || it->is_null()) {
      if (required) throw ConfigError(what + " returned no " + name);
      return {};
    }
    if (!it->is_string()) throw ConfigError(what + " returned a " + name + " that is not a string");
    return it->get<std::string>();
  };
  if (format.require_version_1) {
    const auto v = doc.find("Version");
    if (v == doc.end() || !v->is_number_integer() || v->get<long long>() != 1) {
      throw ConfigError(what + " must return \"Version\": 1");
    }
  }
  Credentials out;
  out.access_key_id = string_field("AccessKeyId", true);
  out.secret_access_key = string_field("SecretAccessKey", true);
  if (out.access_key_id.empty() || out.secret_access_key.empty()) {
    throw ConfigError(what + " returned an empty AccessKeyId or SecretAccessKey");
  }
  out.session_token = string_field(format.token_field, false);
  out.account_id = string_field("AccountId", false);
  const auto expiration = string_field("Expiration", false);
  if (!expiration.empty()) {
    out.expiration = parse_iso8601(expiration);
    if (!out.expiration) throw ConfigError(what + " returned an Expiration that is not an ISO-8601 time");
  }
  out.source = std::move(source);
  return out;
}

}  // namespace nova::aws
