#include "man_pages.hpp"

#include <cctype>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <sstream>

#include "command_tree.hpp"
#include "core/atomic_file.hpp"
#include "nova/version.hpp"

namespace nova::cli {
namespace {

// roff text: a backslash is \e, a hyphen \- (so it stays a minus sign when copied), and a line
// starting with '.' or '\'' would be a request.
std::string escape(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string command_words(const CLI::App& app) {
  std::string words = root_of(app).get_name();
  for (const std::string& word : command_path(app)) words += " " + word;
  return words;
}

std::string option_names(const CLI::Option& opt) {
  std::string names;
  for (const std::string& s : opt.get_snames()) names += (names.empty() ? "" : ", ") + ("\\fB\\-" + escape(s) + "\\fR");
  for (const std::string& l : opt.get_lnames()) names += (names.empty() ? "" : ", ") + ("\\fB\\-\\-" + escape(l) + "\\fR");
  if (opt.get_expected_max() != 0) names += " \\fI" + escape(opt.get_type_name()) + "\\fR";
  return names;
}

std::string option_text(const CLI::Option& opt) {
  std::string text = escape(opt.get_description());
  if (!opt.get_default_str().empty()) text += " (default: " + escape(opt.get_default_str()) + ")";
  if (opt.get_required()) text += " (required)";
  return text;
}

std::string synopsis(const CLI::App& app) {
  std::string out = ".B " + escape(command_words(app)) + "\n";
  if (!visible_subcommands(app).empty()) out += "\\fICOMMAND\\fR\n";
  if (!visible_named_options(app).empty()) out += "[\\fIOPTIONS\\fR]\n";
  for (const CLI::Option* pos : positionals(app)) {
    const std::string name = "\\fI" + escape(upper(pos->get_name())) + "\\fR";
    out += (pos->get_required() ? name : "[" + name + "]") + (pos->get_expected_max() > 1 ? "...\n" : "\n");
  }
  return out;
}

}  // namespace

std::string man_page_name(const CLI::App& app) {
  std::string name = root_of(app).get_name();
  for (const std::string& word : command_path(app)) name += "-" + word;
  return name;
}

std::string man_page(const CLI::App& app, const std::string& version) {
  const std::string name = man_page_name(app);
  std::ostringstream out;
  out << ".TH " << escape(upper(name)) << " 1 \"\" \"nova " << escape(version) << "\" \"nova manual\"\n";
  out << ".SH NAME\n" << escape(name) << " \\- " << escape(app.get_description()) << "\n";
  out << ".SH SYNOPSIS\n" << synopsis(app);
  out << ".SH DESCRIPTION\n" << escape(app.get_description()) << "\n";
  if (const auto subs = visible_subcommands(app); !subs.empty()) {
    out << ".SH COMMANDS\n";
    for (const CLI::App* sub : subs) {
      out << ".TP\n.B " << escape(sub->get_name()) << "\n" << escape(sub->get_description()) << " See \\fB"
          << escape(man_page_name(*sub)) << "\\fR(1).\n";
    }
  }
  if (const auto pos = positionals(app); !pos.empty()) {
    out << ".SH ARGUMENTS\n";
    for (const CLI::Option* p : pos) out << ".TP\n\\fI" << escape(upper(p->get_name())) << "\\fR\n" << option_text(*p) << "\n";
  }
  if (const auto options = visible_named_options(app); !options.empty()) {
    out << ".SH OPTIONS\n";
    for (const CLI::Option* opt : options) out << ".TP\n" << option_names(*opt) << "\n" << option_text(*opt) << "\n";
  }
  // The footer holds exit codes and examples: kept as written, line by line.
  if (const std::string footer = app.get_footer(); !footer.empty()) {
    out << ".SH NOTES\n.nf\n" << escape(footer) << "\n.fi\n";
  }
  out << ".SH SEE ALSO\n";
  if (app.get_parent() != nullptr) {
    out << "\\fB" << escape(man_page_name(*app.get_parent())) << "\\fR(1)\n";
  } else {
    out << "\\fBnova \\-\\-help\\fR, \\fBnova\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR\n";
  }
  return out.str();
}

int write_man_pages(const CLI::App& root, const std::filesystem::path& dir, const std::string& version) {
  std::filesystem::create_directories(dir);
  int count = 0;
  for_each_command(root, [&](const CLI::App& app) {
    core::AtomicFile file((dir / (man_page_name(app) + ".1")).string());
    file.write(man_page(app, version));
    file.commit();
    ++count;
  });
  return count;
}

void add_man_command(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  // Hidden (no group): a build step, not something users need in `nova --help`.
  CLI::App* cmd = app.add_subcommand("man", "Write the man pages of nova and every command into a directory");
  cmd->group("");
  cmd->add_option("--output", *dir, "Directory to write nova.1, nova-<command>.1, ... into")->required();
  cmd->footer("Example:\n  nova man --output build/man && man -l build/man/nova-train.1");
  cmd->callback([dir, cmd] {
    const int count = write_man_pages(root_of(*cmd), *dir, std::string(nova::version()));
    std::cerr << fmt::format("nova man: wrote {} pages to {}\n", count, *dir);
  });
}

}  // namespace nova::cli
