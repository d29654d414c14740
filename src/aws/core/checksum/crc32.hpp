#pragma once
// CRC-32 (ISO-HDLC: reflected polynomial 0xEDB88320, as zlib and binascii compute it): the
// checksum of event-stream frames and S3's x-amz-checksum-crc32.

#include <cstdint>
#include <string_view>

namespace nova::aws {

// The CRC-32 of `bytes`; pass the value returned for the bytes before to continue over a
// stream in pieces.
std::uint32_t crc32(std::string_view bytes, std::uint32_t crc = 0);

}  // namespace nova::aws
