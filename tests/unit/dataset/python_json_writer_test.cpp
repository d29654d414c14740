#include "dataset/json/python_json_writer.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace nova::dataset {
namespace {

std::string float_repr(double v) {
  std::string out;
  append_python_float(out, v);
  return out;
}

std::string dumps(const std::string& json, bool ensure_ascii = false) {
  simdjson::dom::parser parser;
  return to_python_json(parser.parse(json), ensure_ascii);
}

TEST(PythonJsonWriter, FloatsMatchPythonRepr) {
  EXPECT_EQ(float_repr(1.0), "1.0");
  EXPECT_EQ(float_repr(0.1), "0.1");
  EXPECT_EQ(float_repr(5e-06), "5e-06");
  EXPECT_EQ(float_repr(0.0001), "0.0001");
  EXPECT_EQ(float_repr(1e16), "1e+16");
  EXPECT_EQ(float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(float_repr(123456789.125), "123456789.125");
  EXPECT_EQ(float_repr(-0.0), "-0.0");
  EXPECT_EQ(float_repr(1.5e300), "1.5e+300");
  EXPECT_EQ(float_repr(2.5e-300), "2.5e-300");
}

TEST(PythonJsonWriter, CompactSeparatorsAndKeyOrder) {
  EXPECT_EQ(dumps(R"({"b":1,"a":[1,2.0,"x",null,true,false],"c":{}})"),
            R"({"b": 1, "a": [1, 2.0, "x", null, true, false], "c": {}})");
}

TEST(PythonJsonWriter, EscapesLikePython) {
  EXPECT_EQ(dumps(R"("é\n\t\u0001\"\\\u007f")"), "\"é\\n\\t\\u0001\\\"\\\\\x7f\"");
  EXPECT_EQ(dumps(R"("é😀\u007f")", true), R"("\u00e9\ud83d\ude00\u007f")");
}

std::string escaped(std::string_view text, bool ensure_ascii) {
  std::string out;
  append_python_string(out, text, ensure_ascii);
  return out;
}

// Long strings are scanned eight bytes at a time, pieces shorter than eight bytes one byte at a
// time: escaping a long string must equal escaping its pieces one by one and joining them.
TEST(PythonJsonWriter, WordAtATimeScanEscapesExactlyLikeTheByteLoop) {
  const std::vector<std::string> pieces = {"a", "plain", " ", "~", "\"", "\\", "\n", "\x01", "\x1f", "\x7f",
                                           "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "xyz12"};
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int round = 0; round < 2000; ++round) {
    for (const bool ensure_ascii : {false, true}) {
      std::string text, joined;
      for (int n = length(rng); n > 0; --n) {
        const std::string& piece = pieces[pick(rng)];
        text += piece;
        const std::string one = escaped(piece, ensure_ascii);
        joined += one.substr(1, one.size() - 2);
      }
      ASSERT_EQ(escaped(text, ensure_ascii), "\"" + joined + "\"") << "ensure_ascii=" << ensure_ascii;
    }
  }
}

TEST(PythonJsonWriter, IndentTwoLikePython) {
  std::string out;
  PythonJsonWriter w(out, {false, 2});
  simdjson::dom::parser parser;
  w.value(parser.parse(std::string(R"({"a":[1,{"b":[]}],"c":"d"})")));
  EXPECT_EQ(out, "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n  \"c\": \"d\"\n}");
}

}  // namespace
}  // namespace nova::dataset
