#pragma once
// nova man --output DIR: roff man pages (nova.1, nova-<command>.1, nova-data-validate.1, ...)
// generated from the command definitions, so they say what `--help` says.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>

namespace nova::cli {

void add_man_command(CLI::App& app);
// The page of one command; `version` goes into its header.
std::string man_page(const CLI::App& app, const std::string& version);
// "nova", "nova-train", "nova-data-validate".
std::string man_page_name(const CLI::App& app);
// Writes the page of every visible command under `root` into `dir`; returns how many.
int write_man_pages(const CLI::App& root, const std::filesystem::path& dir, const std::string& version);

}  // namespace nova::cli
