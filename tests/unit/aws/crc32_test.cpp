// CRC-32 as S3 (x-amz-checksum-crc32) and event-stream frames use it. Expected values come
// from zlib (python3 -c "import zlib; ..."), an implementation independent of ours.

#include "aws/core/checksum/crc32.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nova::aws {
namespace {

std::string pattern(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(i % 256));
  return s;
}

TEST(Crc32, MatchesZlib) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926U);
  EXPECT_EQ(crc32(""), 0U);
  EXPECT_EQ(crc32(pattern(256 * 17)), 0x671A56A6U);  // zlib.crc32(bytes(range(256)) * 17)
}

// The eight-bytes-at-a-time loop and the byte tail must agree wherever a piece starts or ends.
TEST(Crc32, ContinuesAcrossPiecesOfAnyLengthAndAlignment) {
  const std::string data = pattern(256 * 17);
  const std::uint32_t whole = crc32(data);
  for (std::size_t cut = 0; cut <= 40; ++cut) {
    for (std::size_t cut2 = cut; cut2 <= 80; cut2 += 7) {
      const std::string_view v(data);
      std::uint32_t c = crc32(v.substr(0, cut));
      c = crc32(v.substr(cut, cut2 - cut), c);
      c = crc32(v.substr(cut2), c);
      ASSERT_EQ(c, whole) << "pieces cut at " << cut << " and " << cut2;
    }
  }
}

}  // namespace
}  // namespace nova::aws
