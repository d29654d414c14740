// The event-stream decoder, fed in pieces whose sizes come from the input: complete frames
// come out, corrupt ones end the stream with EventStreamError.
#include "aws/core/eventstream/event_stream.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using nova::aws::eventstream::EventStreamError;
  const auto input = nova::fuzz::split_selector(data, size);
  const std::uint8_t selector = input.selector;
  const std::string& bytes = input.rest;
  const std::size_t piece = 1 + selector % 37;
  nova::aws::eventstream::Decoder decoder;
  try {
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
      for (const auto& message : decoder.feed(std::string_view(bytes).substr(at, piece))) {
        // What decodes must encode back to a frame that decodes to the same message.
        const auto again = nova::aws::eventstream::decode_message(nova::aws::eventstream::encode_message(message));
        if (again.payload != message.payload || again.headers.size() != message.headers.size()) __builtin_trap();
      }
    }
    decoder.finish();
  } catch (const EventStreamError&) {
  }
  try {
    (void)nova::aws::eventstream::decode_message(bytes);
  } catch (const EventStreamError&) {
  }
  return 0;
}
