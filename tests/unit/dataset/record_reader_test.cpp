#include "dataset/reader/record_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace nova::dataset {
namespace {

struct Read {
  std::string text;
  std::uint64_t line;
  std::string rule;
};

std::vector<Read> read_all(DatasetFormat format, std::string data) {
  auto reader = make_record_reader(format, make_memory_source(std::move(data), "mem"));
  std::vector<Read> out;
  RawRecord r;
  while (reader->next(r)) out.push_back(Read{std::string(r.text), r.line, std::string(r.rule)});
  return out;
}

TEST(JsonlReader, SplitsLinesAndSkipsBlankOnes) {
  auto recs = read_all(DatasetFormat::JSONL, "\xEF\xBB\xBF{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].text, "{\"a\":1}");
  EXPECT_EQ(recs[0].line, 1u);
  EXPECT_EQ(recs[1].text, "{\"b\":2}");
  EXPECT_EQ(recs[1].line, 4u);
  EXPECT_EQ(recs[2].text, "{\"c\":3}");  // last line without newline
  EXPECT_EQ(recs[2].line, 5u);
}

TEST(JsonlReader, HandlesALineLargerThanTheBuffer) {
  std::string big(3 << 20, 'x');
  auto recs = read_all(DatasetFormat::JSONL, "{\"a\":1}\n\"" + big + "\"\n{\"b\":2}\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].text.size(), big.size() + 2);
  EXPECT_EQ(recs[2].line, 3u);
}

TEST(JsonReader, StreamsTopLevelArrayElementsWithLines) {
  auto recs = read_all(DatasetFormat::JSON,
                       "\xEF\xBB\xBF[\n  {\"a\": \"x,]}\\\"\"},\n  {\"b\": [1, {\"c\": 2}]}\n,\n3\n]\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].text, "{\"a\": \"x,]}\\\"\"}");
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_EQ(recs[1].text, "{\"b\": [1, {\"c\": 2}]}");
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_EQ(recs[2].text, "3");
  EXPECT_EQ(recs[2].line, 5u);
  EXPECT_TRUE(recs[2].rule.empty());
}

TEST(JsonReader, NonArrayDocumentIsOneRecord) {
  auto recs = read_all(DatasetFormat::JSON, "\n{\"a\":\n 1}\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].text, "{\"a\":\n 1}");
  EXPECT_EQ(recs[0].line, 2u);
}

TEST(JsonReader, EmptyArrayHasNoRecords) { EXPECT_TRUE(read_all(DatasetFormat::JSON, " [ ] ").empty()); }

TEST(JsonReader, ReportsTruncationAndStructureErrors) {
  auto recs = read_all(DatasetFormat::JSON, "[{\"a\":1},\n{\"b\":");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].rule, "json.truncated");
  EXPECT_EQ(recs[1].line, 2u);

  recs = read_all(DatasetFormat::JSON, "[1,]");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].rule, "json.syntax");

  recs = read_all(DatasetFormat::JSON, "[1] x");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].rule, "json.syntax");

  recs = read_all(DatasetFormat::JSON, "");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].rule, "json.syntax");
}

TEST(CsvReader, KeepsLineBreaksAndQuotesInQuotedCells) {
  auto recs = read_all(DatasetFormat::CSV,
                       "\xEF\xBB\xBFq,a\r\n\"Multi\nline\",\"say \"\"hi\"\"\"\r\nplain,x\"y\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].text, R"({"q":"Multi\nline","a":"say \"hi\""})");
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_EQ(recs[1].text, R"({"q":"plain","a":"x\"y"})");
  EXPECT_EQ(recs[1].line, 4u);
}

TEST(CsvReader, ShortAndLongRowsFollowDictReader) {
  auto recs = read_all(DatasetFormat::CSV, "a,b\n1\n1,2,3,4\n\n,\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].text, R"({"a":"1","b":null})");
  EXPECT_EQ(recs[1].text, R"({"a":"1","b":"2","null":["3","4"]})");
  EXPECT_EQ(recs[2].text, R"({"a":"","b":""})");
  EXPECT_EQ(recs[2].line, 5u);
}

TEST(CsvReader, DuplicateHeaderKeepsFirstPositionLastValue) {
  auto recs = read_all(DatasetFormat::CSV, "a,b,a\n1,2,3\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].text, R"({"a":"3","b":"2"})");
}

TEST(CsvReader, ReportsUnterminatedQuoteAndBadUtf8) {
  auto recs = read_all(DatasetFormat::CSV, "a\n\"open\nstill open\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].rule, "csv.unterminated_quote");
  EXPECT_EQ(recs[0].line, 2u);

  recs = read_all(DatasetFormat::CSV, "a\nok\n\xC3\x28\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_TRUE(recs[0].rule.empty());
  EXPECT_EQ(recs[1].rule, "encoding.utf8");
  EXPECT_EQ(recs[1].line, 3u);
}

}  // namespace
}  // namespace nova::dataset
