// Hostile files: a 1 GB line, 10^6 columns, NUL bytes, invalid UTF-8, deep nesting. Each
// is refused record by record with file, line, field path and rule, in bounded memory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "dataset/reader/record_reader.hpp"
#include "nova/dataset.hpp"
#include "support/test_paths.hpp"

namespace nova::dataset {
namespace {

using ::testing::HasSubstr;
using nova::testing::TempDir;

// head + `filler` bytes of `fill` + tail, produced as read: nothing holds the whole file.
class GeneratedSource final : public ByteSource {
 public:
  GeneratedSource(std::string head, std::uint64_t filler, char fill, std::string tail)
      : head_(std::move(head)), filler_(filler), fill_(fill), tail_(std::move(tail)) {}
  std::size_t read(char* buffer, std::size_t n) override {
    std::size_t done = 0;
    while (done < n) {
      if (pos_ < head_.size()) {
        const std::size_t k = std::min(n - done, head_.size() - pos_);
        std::memcpy(buffer + done, head_.data() + pos_, k);
        done += k, pos_ += k;
      } else if (pos_ < head_.size() + filler_) {
        const std::size_t k = std::min<std::uint64_t>(n - done, head_.size() + filler_ - pos_);
        std::memset(buffer + done, fill_, k);
        done += k, pos_ += k;
      } else if (pos_ < head_.size() + filler_ + tail_.size()) {
        const std::size_t off = pos_ - head_.size() - filler_;
        const std::size_t k = std::min(n - done, tail_.size() - off);
        std::memcpy(buffer + done, tail_.data() + off, k);
        done += k, pos_ += k;
      } else {
        break;
      }
    }
    return done;
  }
  const std::string& name() const override { return name_; }

 private:
  std::string head_;
  std::uint64_t filler_;
  char fill_;
  std::string tail_;
  std::uint64_t pos_{0};
  std::string name_{"generated"};
};

struct Read {
  std::string text;
  std::uint64_t line;
  std::string rule;
  std::string error;
  std::string path;
};

std::vector<Read> read_all(std::unique_ptr<RecordReader> reader) {
  std::vector<Read> out;
  RawRecord r;
  while (reader->next(r)) out.push_back(Read{std::string(r.text), r.line, std::string(r.rule), r.error, r.path});
  return out;
}

std::vector<Read> read_text(DatasetFormat format, std::string data, ReaderLimits limits = {}) {
  return read_all(make_record_reader(format, make_memory_source(std::move(data), "mem"), limits));
}

TEST(ReaderLimits, AOneGigabyteLineIsRefusedAndTheNextLineStillRead) {
  const std::uint64_t gigabyte = std::uint64_t{1} << 30;
  auto reader = make_jsonl_reader(
      std::make_unique<GeneratedSource>("{\"a\":1}\n{\"text\":\"", gigabyte, 'x', "\"}\n{\"b\":2}\n"));
  const auto recs = read_all(std::move(reader));
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].text, "{\"a\":1}");
  EXPECT_EQ(recs[1].rule, "record.too_large");
  EXPECT_EQ(recs[1].line, 2u);
  EXPECT_THAT(recs[1].error, HasSubstr("at most 64 MiB"));
  EXPECT_EQ(recs[2].text, "{\"b\":2}");
  EXPECT_EQ(recs[2].line, 3u);
}

TEST(ReaderLimits, ASmallConfiguredLimitAppliesToEveryFormat) {
  const ReaderLimits limits{.max_record_bytes = 1024, .max_columns = 10'000};
  const std::string big(4096, 'x');
  auto jsonl = read_text(DatasetFormat::JSONL, "{\"a\":\"" + big + "\"}\n{\"b\":1}", limits);
  ASSERT_EQ(jsonl.size(), 2u);
  EXPECT_EQ(jsonl[0].rule, "record.too_large");
  EXPECT_EQ(jsonl[1].text, "{\"b\":1}");

  auto json = read_text(DatasetFormat::JSON, "[{\"b\":1},\n{\"a\":\"" + big + "\"}]", limits);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[1].rule, "record.too_large");
  EXPECT_EQ(json[1].line, 2u);
  EXPECT_EQ(read_text(DatasetFormat::JSON, "{\"a\":\"" + big + "\"}", limits).at(0).rule, "record.too_large");

  auto csv = read_text(DatasetFormat::CSV, "q,a\n\"" + big + "\",1\nx,y\n", limits);
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_EQ(csv[0].rule, "record.too_large");
  EXPECT_EQ(csv[0].line, 2u);
  EXPECT_EQ(csv[1].text, "{\"q\":\"x\",\"a\":\"y\"}");  // the row after it starts in the right place
}

TEST(ReaderLimits, AMillionColumnsAreRefusedQuickly) {
  std::string header;
  for (int i = 0; i < 1'000'000; ++i) header += (i ? ",c" : "c") + std::to_string(i);
  const auto recs = read_text(DatasetFormat::CSV, header + "\n1,2\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].rule, "csv.too_many_columns");
  EXPECT_THAT(recs[0].error, HasSubstr("more than 10000 columns"));
  EXPECT_EQ(recs[0].line, 1u);
}

TEST(ReaderLimits, ManyColumnsWithinTheLimitRenderInLinearTime) {
  // Duplicate-name handling used to scan every earlier column: 10^8 comparisons here.
  std::string header, row;
  for (int i = 0; i < 10'000; ++i) {
    header += (i ? ",c" : "c") + std::to_string(i % 5000);  // every name twice
    row += (i ? ",v" : "v") + std::to_string(i);
  }
  const auto recs = read_text(DatasetFormat::CSV, header + "\n" + row + "\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_TRUE(recs[0].rule.empty());
  EXPECT_TRUE(recs[0].text.starts_with("{\"c0\":\"v5000\",\"c1\":\"v5001\","));  // first position, last value
  EXPECT_EQ(recs[0].text.find("v0\""), std::string::npos);
}

TEST(ReaderLimits, NulBytesAreNamedAsSuch) {
  const auto jsonl = read_text(DatasetFormat::JSONL, std::string("{\"a\":1}\n{\"a\":\"x\0y\"}\n", 20));
  ASSERT_EQ(jsonl.size(), 2u);
  EXPECT_EQ(jsonl[1].rule, "encoding.nul");
  EXPECT_THAT(jsonl[1].error, HasSubstr("byte 8"));
  const auto csv = read_text(DatasetFormat::CSV, std::string("q,a\nx,y\0z\n", 10));
  ASSERT_EQ(csv.size(), 1u);
  EXPECT_EQ(csv[0].rule, "encoding.nul");
  EXPECT_EQ(csv[0].path, "a");
  EXPECT_EQ(read_text(DatasetFormat::JSON, std::string("[{\"a\":\"\0\"}]", 11)).at(0).rule, "encoding.nul");
}

TEST(ReaderLimits, InvalidUtf8InACsvCellNamesItsColumn) {
  const auto csv = read_text(DatasetFormat::CSV, "question,answer\nok,\xff\xfe\n");
  ASSERT_EQ(csv.size(), 1u);
  EXPECT_EQ(csv[0].rule, "encoding.utf8");
  EXPECT_EQ(csv[0].path, "answer");
  EXPECT_EQ(csv[0].line, 2u);
}

TEST(ReaderLimits, RejectedRecordsNameFileLinePathAndRule) {
  TempDir dir;
  const auto csv = dir.write("d.csv", "question,answer\nok,\xff\n");
  CSVDatasetLoader loader;
  loader.load(csv.string());
  const auto report = loader.check(TrainingMethod::SFT_LORA, Model::NOVA_LITE);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].file, csv.string());
  EXPECT_EQ(report.issues[0].line, 2u);
  EXPECT_EQ(report.issues[0].path, "answer");
  EXPECT_EQ(report.issues[0].rule, "encoding.utf8");
  try {
    loader.save_data((dir / "out.jsonl").string());
    FAIL() << "saved an unreadable record";
  } catch (const DataPrepError& e) {
    EXPECT_THAT(e.what(), HasSubstr(csv.string() + ":2: record 0 cannot be read: answer: the cell is not valid UTF-8 [encoding.utf8]"));
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "out.jsonl"));
}

TEST(ReaderLimits, DeepNestingIsRefusedWithItsOwnRule) {
  TempDir dir;
  const auto f = dir.write("deep.jsonl", std::string(100'000, '[') + std::string(100'000, ']') + "\n");
  JSONLDatasetLoader loader;
  loader.load(f.string());
  const auto report = loader.check(TrainingMethod::CPT, Model::NOVA_LITE);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].rule, "json.depth");
  EXPECT_EQ(report.issues[0].line, 1u);
  EXPECT_THAT(report.issues[0].message, HasSubstr("more than 1024 levels"));
}

}  // namespace
}  // namespace nova::dataset
