#include "dataset/split/python_random.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace nova::dataset {

void PythonRandom::init_genrand(std::uint32_t s) {
  mt_[0] = s;
  for (mti_ = 1; mti_ < 624; ++mti_) {
    mt_[mti_] = 1812433253U * (mt_[mti_ - 1] ^ (mt_[mti_ - 1] >> 30)) + static_cast<std::uint32_t>(mti_);
  }
}

PythonRandom::PythonRandom(std::uint64_t seed) {
  // CPython splits abs(seed) into 32-bit little-endian words (at least one word).
  std::vector<std::uint32_t> key;
  do {
    key.push_back(static_cast<std::uint32_t>(seed & 0xFFFFFFFFu));
    seed >>= 32;
  } while (seed != 0);
  init_genrand(19650218U);
  std::size_t i = 1, j = 0;
  const std::size_t key_length = key.size();
  for (std::size_t k = std::max<std::size_t>(624, key_length); k > 0; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key[j] + static_cast<std::uint32_t>(j);
    ++i;
    ++j;
    if (i >= 624) {
      mt_[0] = mt_[623];
      i = 1;
    }
    if (j >= key_length) j = 0;
  }
  for (std::size_t k = 623; k > 0; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
    ++i;
    if (i >= 624) {
      mt_[0] = mt_[623];
      i = 1;
    }
  }
  mt_[0] = 0x80000000U;
  mti_ = 624;
}

std::uint32_t PythonRandom::genrand_uint32() {
  static constexpr std::uint32_t kMag01[2] = {0x0U, 0x9908b0dfU};
  if (mti_ >= 624) {
    int kk = 0;
    for (; kk < 624 - 397; ++kk) {
      const std::uint32_t y = (mt_[kk] & 0x80000000U) | (mt_[kk + 1] & 0x7fffffffU);
      mt_[kk] = mt_[kk + 397] ^ (y >> 1) ^ kMag01[y & 0x1U];
    }
    for (; kk < 623; ++kk) {
      const std::uint32_t y = (mt_[kk] & 0x80000000U) | (mt_[kk + 1] & 0x7fffffffU);
      mt_[kk] = mt_[kk + (397 - 624)] ^ (y >> 1) ^ kMag01[y & 0x1U];
    }
    const std::uint32_t y = (mt_[623] & 0x80000000U) | (mt_[0] & 0x7fffffffU);
    mt_[623] = mt_[396] ^ (y >> 1) ^ kMag01[y & 0x1U];
    mti_ = 0;
  }
  std::uint32_t y = mt_[static_cast<std::size_t>(mti_++)];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

std::uint32_t PythonRandom::getrandbits(int k) { return genrand_uint32() >> (32 - k); }

std::uint32_t PythonRandom::randbelow(std::uint32_t n) {
  const int k = std::bit_width(n);
  std::uint32_t r = getrandbits(k);
  while (r >= n) r = getrandbits(k);
  return r;
}

std::vector<std::uint32_t> PythonRandom::shuffled_range(std::uint32_t n) {
  std::vector<std::uint32_t> x(n);
  for (std::uint32_t i = 0; i < n; ++i) x[i] = i;
  for (std::uint32_t i = n > 0 ? n - 1 : 0; i >= 1; --i) {
    const std::uint32_t j = randbelow(i + 1);
    std::swap(x[i], x[j]);
  }
  return x;
}

SplitSizes reference_split_sizes(std::uint64_t n, double train, double val, double test) {
  const auto round_half_even = [](double v) { return static_cast<std::int64_t>(std::nearbyint(v)); };
  const auto nd = static_cast<double>(n);
  std::int64_t n_train = train > 0 ? std::max<std::int64_t>(1, round_half_even(nd * train)) : 0;
  std::int64_t n_val = 0;
  std::int64_t n_test = 0;
  const auto total = static_cast<std::int64_t>(n);
  if (val == 0) {
    n_test = total - n_train;
  } else if (test == 0) {
    n_val = total - n_train;
  } else {
    n_val = std::max<std::int64_t>(1, round_half_even(nd * val));
    n_test = total - n_train - n_val;
  }
  if (n_train + n_val + n_test > total) {
    if (n_test > 0) {
      --n_test;
    } else if (n_val > 0) {
      --n_val;
    } else {
      --n_train;
    }
  }
  // Slices of the permuted list: what a Python slice would actually yield.
  SplitSizes sizes;
  sizes.train = static_cast<std::uint64_t>(std::clamp<std::int64_t>(n_train, 0, total));
  sizes.val = static_cast<std::uint64_t>(std::clamp<std::int64_t>(n_val, 0, total - static_cast<std::int64_t>(sizes.train)));
  sizes.test = n - sizes.train - sizes.val;
  return sizes;
}

}  // namespace nova::dataset
