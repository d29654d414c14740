#pragma once
// AWS event-stream framing (application/vnd.amazon.eventstream), as streaming responses
// (Bedrock ConverseStream, SageMaker InvokeEndpointWithResponseStream) deliver it:
//
//   total length (u32 BE) | headers length (u32 BE) | prelude CRC32 (u32 BE, of the 8 bytes before)
//   headers: name length (u8) | name | type (u8) | value
//   payload
//   message CRC32 (u32 BE, of every byte before it)
//
// The decoder takes bytes in whatever pieces the network hands them over and returns each
// message once it is complete. A frame whose lengths or CRCs do not hold throws
// EventStreamError naming what is wrong, after the messages before it have been returned; the
// decoder then refuses further input (the stream cannot be resynchronised).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "aws/core/checksum/crc32.hpp"

namespace nova::aws::eventstream {

class EventStreamError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class HeaderType : std::uint8_t {
  kTrue = 0, kFalse = 1, kByte = 2, kShort = 3, kInteger = 4, kLong = 5,
  kBytes = 6, kString = 7, kTimestamp = 8, kUuid = 9,
};

struct Header {
  std::string name;
  HeaderType type{HeaderType::kString};
  std::string bytes;          // kBytes, kString, kUuid (16 raw bytes)
  std::int64_t integer{0};    // kByte..kLong, kTimestamp (epoch ms); kTrue/kFalse as 1/0
};

struct Message {
  std::vector<Header> headers;
  std::string payload;
  // The value of a string header, or nullopt.
  std::optional<std::string> string_header(std::string_view name) const;
};

// Limits botocore applies: larger frames are refused as corrupt.
inline constexpr std::uint32_t kMaxHeadersLength = 128 * 1024;
inline constexpr std::uint32_t kMaxPayloadLength = 24 * 1024 * 1024;
inline constexpr std::uint32_t kPreludeLength = 12;
inline constexpr std::uint32_t kMinMessageLength = 16;

using aws::crc32;

class Decoder {
 public:
  // Appends bytes and returns the messages completed by them, in order. When a corrupt frame
  // follows complete ones, those are returned and the error is thrown by the next call.
  std::vector<Message> feed(std::string_view bytes);
  // The stream ended: throws EventStreamError when a partial message is left over.
  void finish() const;

 private:
  std::string buffer_;
  std::optional<std::string> broken_;  // the error that ended the stream
};

// Decodes one complete frame (exactly its bytes). Throws EventStreamError.
Message decode_message(std::string_view frame);

// Encodes a message (tests, and anything that must write frames): the exact inverse of
// decode_message.
std::string encode_message(const Message& message);

}  // namespace nova::aws::eventstream
