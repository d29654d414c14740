// Uses nova-sdk through its public headers only: prints the version, then turns a two-row
// CSV into SFT training data for Nova 2 Lite and validates it. Exit 0 when it is valid.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "nova/dataset.hpp"
#include "nova/error.hpp"
#include "nova/version.hpp"

int main(int argc, char** argv) {
  std::cout << "nova-sdk " << nova::version() << '\n';

  // A scratch directory: the first argument, else one under the system's temporary directory.
  const auto dir = argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::temp_directory_path() / "nova_consumer";
  std::filesystem::create_directories(dir);
  const auto csv = dir / "qa.csv";
  std::ofstream(csv) << "prompt,completion\n"
                        "What is the capital of France?,Paris.\n"
                        "How many legs has a spider?,Eight.\n";

  try {
    nova::CSVDatasetLoader loader({{"question", "prompt"}, {"answer", "completion"}});
    loader.load(csv.string()).transform(nova::TrainingMethod::SFT_LORA, nova::Model::NOVA_LITE_2);
    const nova::ValidationReport report = loader.check(nova::TrainingMethod::SFT_LORA, nova::Model::NOVA_LITE_2);
    std::cout << "records: " << report.records << ", valid: " << (report.valid ? "yes" : "no") << '\n';
    std::filesystem::remove_all(dir);
    return report.valid ? 0 : 1;
  } catch (const nova::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
}
