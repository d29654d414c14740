#include "aws/core/eventstream/event_stream.hpp"

#include <string>

namespace nova::aws::eventstream {
namespace {

std::uint64_t read_be(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

void write_be(std::string& out, std::uint64_t value, std::size_t width) {
  for (std::size_t i = width; i-- > 0;) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

std::int64_t sign_extend(std::uint64_t v, std::size_t width) {
  if (width == 8) return static_cast<std::int64_t>(v);
  const std::uint64_t sign = 1ULL << (8 * width - 1);
  return static_cast<std::int64_t>((v ^ sign)) - static_cast<std::int64_t>(sign);
}

std::size_t integer_width(HeaderType type) {
  switch (type) {
    case HeaderType::kByte: return 1;
    case HeaderType::kShort: return 2;
    case HeaderType::kInteger: return 4;
    case HeaderType::kLong:
    case HeaderType::kTimestamp: return 8;
    default: return 0;
  }
}

std::string hex32(std::uint32_t v) {
  static const char* digits = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) out.push_back(digits[(v >> shift) & 0xF]);
  return out;
}

std::vector<Header> decode_headers(std::string_view bytes) {
  std::vector<Header> headers;
  std::size_t at = 0;
  auto need = [&](std::size_t n, const std::string& what) {
    if (bytes.size() - at < n) {
      throw EventStreamError("event-stream frame is corrupt: header section ends inside " + what);
    }
  };
  while (at < bytes.size()) {
    Header h;
    const std::size_t name_len = static_cast<unsigned char>(bytes[at++]);
    need(name_len, "a header name");
    h.name = std::string(bytes.substr(at, name_len));
    at += name_len;
    need(1, "the type of header '" + h.name + "'");
    const auto type = static_cast<unsigned char>(bytes[at++]);
    if (type > static_cast<unsigned char>(HeaderType::kUuid)) {
      throw EventStreamError("event-stream frame is corrupt: header '" + h.name + "' has unknown value type " +
                             std::to_string(type) + " (valid: 0-9)");
    }
    h.type = static_cast<HeaderType>(type);
    if (h.type == HeaderType::kTrue || h.type == HeaderType::kFalse) {
      h.integer = h.type == HeaderType::kTrue ? 1 : 0;
    } else if (const std::size_t width = integer_width(h.type); width != 0) {
      need(width, "the value of header '" + h.name + "'");
      h.integer = sign_extend(read_be(bytes, at, width), width);
      at += width;
    } else if (h.type == HeaderType::kUuid) {
      need(16, "the value of header '" + h.name + "'");
      h.bytes = std::string(bytes.substr(at, 16));
      at += 16;
    } else {
      need(2, "the length of header '" + h.name + "'");
      const std::size_t len = read_be(bytes, at, 2);
      at += 2;
      need(len, "the value of header '" + h.name + "'");
      h.bytes = std::string(bytes.substr(at, len));
      at += len;
    }
    headers.push_back(std::move(h));
  }
  return headers;
}

// The total length the prelude at the front of `bytes` announces, after checking it.
std::uint32_t checked_total_length(std::string_view bytes) {
  const auto total = static_cast<std::uint32_t>(read_be(bytes, 0, 4));
  const auto headers_len = static_cast<std::uint32_t>(read_be(bytes, 4, 4));
  const auto prelude_crc = static_cast<std::uint32_t>(read_be(bytes, 8, 4));
  const std::uint32_t computed = crc32(bytes.substr(0, 8));
  if (computed != prelude_crc) {
    throw EventStreamError("event-stream frame is corrupt: prelude CRC " + hex32(prelude_crc) +
                           " does not match the computed " + hex32(computed));
  }
  if (headers_len > kMaxHeadersLength) {
    throw EventStreamError("event-stream frame is corrupt: headers length " + std::to_string(headers_len) +
                           " exceeds the limit of " + std::to_string(kMaxHeadersLength) + " bytes");
  }
  if (total < kMinMessageLength || total - kMinMessageLength < headers_len) {
    throw EventStreamError("event-stream frame is corrupt: total length " + std::to_string(total) +
                           " cannot hold the prelude, " + std::to_string(headers_len) +
                           " bytes of headers and the message CRC");
  }
  if (total - kMinMessageLength - headers_len > kMaxPayloadLength) {
    throw EventStreamError("event-stream frame is corrupt: payload of " +
                           std::to_string(total - kMinMessageLength - headers_len) + " bytes exceeds the limit of " +
                           std::to_string(kMaxPayloadLength) + " bytes");
  }
  return total;
}

}  // namespace

std::optional<std::string> Message::string_header(std::string_view name) const {
  for (const Header& h : headers) {
    if (h.name == name && h.type == HeaderType::kString) return h.bytes;
  }
  return std::nullopt;
}

Message decode_message(std::string_view frame) {
  if (frame.size() < kMinMessageLength) {
    throw EventStreamError("event-stream frame is corrupt: " + std::to_string(frame.size()) +
                           " bytes are fewer than the 16 of an empty message");
  }
  const std::uint32_t total = checked_total_length(frame);
  if (total != frame.size()) {
    throw EventStreamError("event-stream frame is corrupt: its prelude announces " + std::to_string(total) +
                           " bytes but the frame has " + std::to_string(frame.size()));
  }
  const auto message_crc = static_cast<std::uint32_t>(read_be(frame, total - 4, 4));
  const std::uint32_t computed = crc32(frame.substr(0, total - 4));
  if (computed != message_crc) {
    throw EventStreamError("event-stream frame is corrupt: message CRC " + hex32(message_crc) +
                           " does not match the computed " + hex32(computed));
  }
  const auto headers_len = static_cast<std::uint32_t>(read_be(frame, 4, 4));
  Message m;
  m.headers = decode_headers(frame.substr(kPreludeLength, headers_len));
  m.payload = std::string(frame.substr(kPreludeLength + headers_len, total - kMinMessageLength - headers_len));
  return m;
}

std::vector<Message> Decoder::feed(std::string_view bytes) {
  if (broken_) throw EventStreamError(*broken_);
  buffer_.append(bytes);
  std::vector<Message> out;
  std::size_t at = 0;
  try {
    while (buffer_.size() - at >= kPreludeLength) {
      const std::string_view rest(buffer_.data() + at, buffer_.size() - at);
      const std::uint32_t total = checked_total_length(rest);
      if (rest.size() < total) break;
      out.push_back(decode_message(rest.substr(0, total)));
      at += total;
    }
  } catch (const EventStreamError& e) {
    broken_ = e.what();
    buffer_.clear();
    if (out.empty()) throw;
    return out;  // the error surfaces on the next feed() or finish()
  }
  buffer_.erase(0, at);
  return out;
}

void Decoder::finish() const {
  if (broken_) throw EventStreamError(*broken_);
  if (!buffer_.empty()) {
    throw EventStreamError("event stream ended inside a message: " + std::to_string(buffer_.size()) +
                           " bytes of an incomplete frame are left");
  }
}

std::string encode_message(const Message& message) {
  std::string headers;
  for (const Header& h : message.headers) {
    headers.push_back(static_cast<char>(h.name.size()));
    headers += h.name;
    headers.push_back(static_cast<char>(h.type));
    if (const std::size_t width = integer_width(h.type); width != 0) {
      write_be(headers, static_cast<std::uint64_t>(h.integer), width);
    } else if (h.type == HeaderType::kBytes || h.type == HeaderType::kString) {
      write_be(headers, h.bytes.size(), 2);
      headers += h.bytes;
    } else if (h.type == HeaderType::kUuid) {
      headers += h.bytes;
    }
  }
  std::string out;
  write_be(out, kMinMessageLength + headers.size() + message.payload.size(), 4);
  write_be(out, headers.size(), 4);
  write_be(out, crc32(out), 4);
  out += headers;
  out += message.payload;
  write_be(out, crc32(out), 4);
  return out;
}

}  // namespace nova::aws::eventstream
