#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_reader(nova::DatasetFormat::CSV, data, size);
  return 0;
}
