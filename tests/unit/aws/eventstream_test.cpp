#include "aws/core/eventstream/event_stream.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/child_process.hpp"

namespace nova::aws::eventstream {
namespace {

Header string_header(std::string name, std::string value) {
  Header h;
  h.name = std::move(name);
  h.type = HeaderType::kString;
  h.bytes = std::move(value);
  return h;
}

Message chunk_event(std::string payload) {
  Message m;
  m.headers = {string_header(":message-type", "event"), string_header(":event-type", "chunk"),
               string_header(":content-type", "application/json")};
  m.payload = std::move(payload);
  return m;
}

TEST(EventStream, Crc32MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926U);
  EXPECT_EQ(crc32(""), 0U);
}

TEST(EventStream, EmptyMessageIsSixteenBytesWithBothCrcs) {
  const std::string frame = encode_message(Message{});
  ASSERT_EQ(frame.size(), 16U);
  // Known frame: total 16, headers 0, prelude CRC, message CRC.
  const std::string expected("\x00\x00\x00\x10\x00\x00\x00\x00\x05\xc2\x48\xeb\x7d\x98\xc8\xff", 16);
  EXPECT_EQ(frame, expected);
  const Message back = decode_message(frame);
  EXPECT_TRUE(back.headers.empty());
  EXPECT_TRUE(back.payload.empty());
}

TEST(EventStream, EveryHeaderTypeRoundTrips) {
  Message m;
  m.headers.push_back({"t", HeaderType::kTrue, "", 1});
  m.headers.push_back({"f", HeaderType::kFalse, "", 0});
  m.headers.push_back({"b", HeaderType::kByte, "", -7});
  m.headers.push_back({"s", HeaderType::kShort, "", -300});
  m.headers.push_back({"i", HeaderType::kInteger, "", 123456789});
  m.headers.push_back({"l", HeaderType::kLong, "", -9000000000LL});
  m.headers.push_back({"bytes", HeaderType::kBytes, std::string("\x00\x01\x02", 3), 0});
  m.headers.push_back(string_header("str", "h\xc3\xa9llo"));
  m.headers.push_back({"ts", HeaderType::kTimestamp, "", 1767225600000LL});
  m.headers.push_back({"u", HeaderType::kUuid, std::string(16, '\x2a'), 0});
  m.payload = R"({"bytes":"aGk="})";
  const Message back = decode_message(encode_message(m));
  ASSERT_EQ(back.headers.size(), m.headers.size());
  for (std::size_t i = 0; i < m.headers.size(); ++i) {
    EXPECT_EQ(back.headers[i].name, m.headers[i].name);
    EXPECT_EQ(back.headers[i].type, m.headers[i].type) << m.headers[i].name;
    EXPECT_EQ(back.headers[i].integer, m.headers[i].integer) << m.headers[i].name;
    EXPECT_EQ(back.headers[i].bytes, m.headers[i].bytes) << m.headers[i].name;
  }
  EXPECT_EQ(back.payload, m.payload);
  EXPECT_EQ(back.string_header("str"), "h\xc3\xa9llo");
  EXPECT_EQ(back.string_header("i"), std::nullopt);  // not a string header
}

TEST(EventStream, DecoderReassemblesMessagesSplitAnywhere) {
  const std::string stream = encode_message(chunk_event("one")) + encode_message(chunk_event("two")) +
                             encode_message(chunk_event(std::string(1000, 'x')));
  for (std::size_t piece : {1U, 5U, 13U, 64U, 4096U}) {
    Decoder d;
    std::vector<std::string> payloads;
    for (std::size_t at = 0; at < stream.size(); at += piece) {
      for (const Message& m : d.feed(std::string_view(stream).substr(at, piece))) payloads.push_back(m.payload);
    }
    d.finish();
    ASSERT_EQ(payloads.size(), 3U) << "piece size " << piece;
    EXPECT_EQ(payloads[0], "one");
    EXPECT_EQ(payloads[1], "two");
    EXPECT_EQ(payloads[2].size(), 1000U);
  }
}

void expect_corrupt(const std::string& frame, const std::string& fragment) {
  Decoder d;
  try {
    d.feed(frame);
    d.finish();
    ADD_FAILURE() << "no error; expected one mentioning '" << fragment << "'";
  } catch (const EventStreamError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(EventStream, CorruptPreludeCrcIsNamed) {
  std::string frame = encode_message(chunk_event("hello"));
  frame[9] ^= 0x01;
  expect_corrupt(frame, "prelude CRC");
}

TEST(EventStream, CorruptPayloadFailsTheMessageCrc) {
  std::string frame = encode_message(chunk_event("hello"));
  frame[frame.size() - 6] ^= 0x20;
  expect_corrupt(frame, "message CRC");
}

TEST(EventStream, TruncatedStreamIsReportedAtTheEnd) {
  const std::string frame = encode_message(chunk_event("hello"));
  expect_corrupt(frame.substr(0, frame.size() - 3), "ended inside a message");
}

TEST(EventStream, ImpossibleLengthsAreRefused) {
  // Headers longer than the message: a prelude with a valid CRC but inconsistent lengths.
  std::string prelude("\x00\x00\x00\x10\x00\x00\x00\x08", 8);
  const std::uint32_t crc = crc32(prelude);
  for (int shift = 24; shift >= 0; shift -= 8) prelude.push_back(static_cast<char>((crc >> shift) & 0xFF));
  expect_corrupt(prelude + std::string(4, '\0'), "cannot hold");
}

TEST(EventStream, HeaderRunningPastItsSectionIsRefused) {
  Message m;
  m.headers = {string_header("name", "value")};
  std::string frame = encode_message(m);
  // Claim a longer string value than there is, then fix both CRCs so only the header is wrong.
  frame[12 + 1 + 4 + 1 + 1] = 0x7f;
  const std::uint32_t crc = crc32(std::string_view(frame).substr(0, frame.size() - 4));
  for (int i = 0; i < 4; ++i) frame[frame.size() - 4 + i] = static_cast<char>((crc >> (24 - 8 * i)) & 0xFF);
  expect_corrupt(frame, "header section ends inside the value of header 'name'");
}

TEST(EventStream, DecoderRefusesInputAfterACorruptFrame) {
  std::string frame = encode_message(chunk_event("x"));
  frame[9] ^= 0x01;
  Decoder d;
  EXPECT_THROW(d.feed(frame), EventStreamError);
  EXPECT_THROW(d.feed(encode_message(chunk_event("y"))), EventStreamError);
  EXPECT_THROW(d.finish(), EventStreamError);
}

TEST(EventStream, MessagesBeforeACorruptFrameAreDeliveredFirst) {
  std::string bad = encode_message(chunk_event("bad"));
  bad[bad.size() - 6] ^= 0x01;
  Decoder d;
  const auto good = d.feed(encode_message(chunk_event("one")) + encode_message(chunk_event("two")) + bad);
  ASSERT_EQ(good.size(), 2U);
  EXPECT_EQ(good[1].payload, "two");
  try {
    d.finish();
    ADD_FAILURE() << "no error";
  } catch (const EventStreamError& e) {
    EXPECT_NE(std::string(e.what()).find("message CRC"), std::string::npos) << e.what();
  }
}

// botocore's own decoder reads what encode_message writes: the framing is AWS's, not ours.
TEST(EventStream, BotocoreDecodesOurFrames) {
  const auto dir = std::filesystem::temp_directory_path() / ("nova-eventstream-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string frames_path = (dir / "frames.bin").string();
  const std::string log_path = (dir / "out.log").string();
  {
    Message m = chunk_event(R"({"PayloadPart":"data"})");
    m.headers.push_back({"n", HeaderType::kInteger, "", -5});
    m.headers.push_back({"flag", HeaderType::kTrue, "", 1});
    std::ofstream out(frames_path, std::ios::binary);
    out << encode_message(m) << encode_message(chunk_event("second"));
  }
  const std::string script =
      "import sys, json\n"
      "from botocore.eventstream import EventStreamBuffer\n"
      "buf = EventStreamBuffer()\n"
      "buf.add_data(open(sys.argv[1], 'rb').read())\n"
      "print(json.dumps([[m.headers.get(':event-type'), m.headers.get('n'), m.headers.get('flag'),\n"
      "                   m.payload.decode()] for m in buf]))\n";
  pid_t pid = nova::testing::spawn_logged({"python3", "-c", script, frames_path}, {}, log_path,
                                          "python3 with botocore");
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  std::stringstream output;
  output << std::ifstream(log_path).rdbuf();
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output.str();
  EXPECT_EQ(output.str(), R"([["chunk", -5, true, "{\"PayloadPart\":\"data\"}"], ["chunk", null, null, "second"]])"
                          "\n");
}

}  // namespace
}  // namespace nova::aws::eventstream
