#include "aws_flags.hpp"

namespace nova::cli {

AwsOptions AwsFlags::options() const {
  AwsOptions out;
  if (!profile.empty()) out.profile = profile;
  if (!region.empty()) out.region = region;
  return out;
}

void add_aws_flags(CLI::App& cmd, AwsFlags& flags) {
  cmd.add_option("--profile", flags.profile, "AWS profile (default: AWS_PROFILE, else 'default')")->group("AWS");
  cmd.add_option("--region", flags.region, "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile)")
      ->group("AWS");
}

}  // namespace nova::cli
