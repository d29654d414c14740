#pragma once
// --profile / --region on the commands that call AWS, as nova::AwsOptions.

#include <CLI/CLI.hpp>
#include <string>

#include "nova/aws.hpp"

namespace nova::cli {

struct AwsFlags {
  std::string profile;
  std::string region;
  AwsOptions options() const;
};

void add_aws_flags(CLI::App& cmd, AwsFlags& flags);

}  // namespace nova::cli
