#include "dataset/split/python_random.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nova::dataset {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

// Expected permutations printed by CPython: random.seed(s); x = list(range(n)); random.shuffle(x)
TEST(PythonRandom, Seed42Over10MatchesCPython) {
  EXPECT_THAT(PythonRandom(42).shuffled_range(10), ElementsAre(7, 3, 2, 8, 5, 6, 9, 4, 0, 1));
}

TEST(PythonRandom, OtherSeedsMatchCPython) {
  EXPECT_THAT(PythonRandom(7).shuffled_range(25),
              ElementsAreArray({13, 19, 5, 22, 23, 16, 7, 24, 9, 6, 15, 0, 18, 8, 14, 21, 11, 3, 17, 2, 1, 20, 12, 4, 10}));
  // A seed wider than 32 bits is split into little-endian words.
  EXPECT_THAT(PythonRandom((std::uint64_t{1} << 40) + 5).shuffled_range(13),
              ElementsAre(3, 5, 2, 10, 6, 7, 1, 9, 11, 0, 4, 12, 8));
}

TEST(PythonRandom, TrivialSizes) {
  EXPECT_TRUE(PythonRandom(1).shuffled_range(0).empty());
  EXPECT_THAT(PythonRandom(1).shuffled_range(1), ElementsAre(0));
}

TEST(ReferenceSplitSizes, RoundsHalfToEven) {
  // 25 * 0.1 = 2.5 -> 2 ; 15 * 0.7 = 10.5 -> 10
  auto s = reference_split_sizes(25, 0.8, 0.1, 0.1);
  EXPECT_EQ(s.train, 20u);
  EXPECT_EQ(s.val, 2u);
  EXPECT_EQ(s.test, 3u);
  s = reference_split_sizes(15, 0.7, 0.2, 0.1);
  EXPECT_EQ(s.train, 10u);
  EXPECT_EQ(s.val, 3u);
  EXPECT_EQ(s.test, 2u);
}

TEST(ReferenceSplitSizes, ZeroRatiosAndTinyDatasets) {
  auto s = reference_split_sizes(10, 0.5, 0.0, 0.5);
  EXPECT_EQ(s.train, 5u);
  EXPECT_EQ(s.val, 0u);
  EXPECT_EQ(s.test, 5u);
  s = reference_split_sizes(10, 0.5, 0.5, 0.0);
  EXPECT_EQ(s.val, 5u);
  EXPECT_EQ(s.test, 0u);
  // n = 2: the reference computes n_test = -1; its slices yield 2, 0, 0.
  s = reference_split_sizes(2, 0.8, 0.1, 0.1);
  EXPECT_EQ(s.train, 2u);
  EXPECT_EQ(s.val, 0u);
  EXPECT_EQ(s.test, 0u);
  // Minimum of one record for a non-zero ratio, then the overflow decrement.
  s = reference_split_sizes(3, 0.8, 0.1, 0.1);
  EXPECT_EQ(s.train + s.val + s.test, 3u);
  EXPECT_EQ(s.train, 2u);
  EXPECT_EQ(s.val, 1u);
  EXPECT_EQ(s.test, 0u);
}

}  // namespace
}  // namespace nova::dataset
