#pragma once
// Reproduces CPython's `random.seed(n); random.shuffle(x)` exactly (MT19937 seeded by
// init_by_array, shuffle via _randbelow), so a split with the same seed selects the
// same records as the reference SDK.

#include <array>
#include <cstdint>
#include <vector>

namespace nova::dataset {

class PythonRandom {
 public:
  explicit PythonRandom(std::uint64_t seed);
  std::uint32_t genrand_uint32();
  // random.getrandbits(k) for 1 <= k <= 32
  std::uint32_t getrandbits(int k);
  // random._randbelow(n) for 1 <= n < 2^32
  std::uint32_t randbelow(std::uint32_t n);
  // random.shuffle(list(range(n)))
  std::vector<std::uint32_t> shuffled_range(std::uint32_t n);

 private:
  void init_genrand(std::uint32_t s);
  std::array<std::uint32_t, 624> mt_{};
  int mti_{625};
};

struct SplitSizes {
  std::uint64_t train{0};
  std::uint64_t val{0};
  std::uint64_t test{0};
};

// The reference's split sizes for n records (round half to even on the double product,
// at least one record for a non-zero ratio, the rest to test or val).
SplitSizes reference_split_sizes(std::uint64_t n, double train, double val, double test);

}  // namespace nova::dataset
