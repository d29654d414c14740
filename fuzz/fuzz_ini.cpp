// ~/.aws/config and ~/.aws/credentials (the INI dialect, then profile merging), and the
// credential documents of credential_process / the container endpoint / IMDS.
#include "aws/core/config/ini_file.hpp"
#include "aws/core/config/shared_config.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = nova::fuzz::split_selector(data, size);
  const std::uint8_t selector = input.selector;
  const std::string& text = input.rest;
  if (selector & 1) {
    const nova::aws::CredentialsJsonFormat format{(selector & 2) ? "Token" : "SessionToken", (selector & 4) != 0};
    nova::fuzz::refusing([&] { (void)nova::aws::parse_credentials_json(text, format, "fuzz", "fuzz"); });
    (void)nova::aws::parse_iso8601(text);
    return 0;
  }
  nova::fuzz::refusing([&] {
    const auto ini = nova::aws::parse_ini(text, "fuzz-config");
    const auto config = nova::aws::SharedConfig::from_ini(ini, ini);
    for (const auto& [name, section] : ini.sections) {
      if (const auto* profile = config.profile(name)) (void)profile->get("region");
      (void)config.service_settings(name, "s3");
    }
  });
  return 0;
}
