#include "nova/dataset.hpp"

#include <filesystem>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/stat.h>

#include "support/test_paths.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;
using nova::testing::read_file;
using nova::testing::TempDir;

std::string ten_records() {
  std::string out;
  for (int i = 0; i < 10; ++i) out += "{\"id\": " + std::to_string(i) + "}\n";
  return out;
}

TEST(DatasetLoader, MissingOrWrongFileFailsAtLoad) {
  TempDir dir;
  EXPECT_THROW(JSONLDatasetLoader().load((dir / "missing.jsonl").string()), DataPrepError);
  const auto csv = dir.write("data.csv", "a\n1\n");
  EXPECT_THROW(JSONLDatasetLoader().load(csv.string()), DataPrepError);
  EXPECT_THROW(JSONLDatasetLoader().load(dir.path().string() + "/"), DataPrepError);
  EXPECT_THROW(make_loader_for_path("data.txt"), DataPrepError);
}

TEST(DatasetLoader, ShowPrintsRowsLikeTheReference) {
  TempDir dir;
  const auto f = dir.write("d.jsonl", "{\"q\": \"caf\xC3\xA9\", \"n\": 1.50}\n{\"q\": \"b\"}\n");
  std::ostringstream out;
  JSONLDatasetLoader().load(f.string()).show(1, out);
  EXPECT_EQ(out.str(), "Showing raw dataset:\nRow 0: {\"q\": \"caf\\u00e9\", \"n\": 1.5}\n");
}

TEST(DatasetLoader, ShowOnEmptyDataset) {
  TempDir dir;
  const auto f = dir.write("d.jsonl", "\n\n");
  std::ostringstream out;
  JSONLDatasetLoader().load(f.string()).show(5, out);
  EXPECT_EQ(out.str(), "Dataset is empty. Call load() method to load data first\n");
}

TEST(DatasetLoader, SplitReproducesTheReferenceShuffle) {
  TempDir dir;
  const auto f = dir.write("d.jsonl", ten_records());
  JSONLDatasetLoader loader;
  loader.load(f.string());
  auto [train, val, test] = loader.split_data(0.8, 0.1, 0.1, 42);
  EXPECT_EQ(train.count(), 8u);
  EXPECT_EQ(val.count(), 1u);
  EXPECT_EQ(test.count(), 1u);
  train.save_data((dir / "train.jsonl").string());
  // Permutation for seed 42 over 10 records: [7, 3, 2, 8, 5, 6, 9, 4, 0, 1]
  EXPECT_EQ(read_file(dir / "train.jsonl"),
            "{\"id\": 7}\n{\"id\": 3}\n{\"id\": 2}\n{\"id\": 8}\n{\"id\": 5}\n{\"id\": 6}\n{\"id\": 9}\n{\"id\": 4}\n");
  val.save_data((dir / "val.jsonl").string());
  test.save_data((dir / "test.jsonl").string());
  EXPECT_EQ(read_file(dir / "val.jsonl"), "{\"id\": 0}\n");
  EXPECT_EQ(read_file(dir / "test.jsonl"), "{\"id\": 1}\n");
}

TEST(DatasetLoader, SplitRejectsBadRatiosAndEmptyData) {
  TempDir dir;
  const auto f = dir.write("d.jsonl", ten_records());
  JSONLDatasetLoader loader;
  loader.load(f.string());
  EXPECT_THROW(loader.split_data(0.5, 0.2, 0.2), DataPrepError);
  EXPECT_THROW(loader.split_data(1.2, -0.1, -0.1), DataPrepError);
  const auto empty = dir.write("e.jsonl", "");
  JSONLDatasetLoader empty_loader;
  empty_loader.load(empty.string());
  EXPECT_THROW(empty_loader.split_data(), DataPrepError);
}

TEST(DatasetLoader, SaveJsonWritesOneObjectOrAnArray) {
  TempDir dir;
  const auto one = dir.write("one.jsonl", "{\"a\": [1, {}]}\n");
  JSONLDatasetLoader().load(one.string()).save_data((dir / "one.json").string());
  EXPECT_EQ(read_file(dir / "one.json"), "{\n  \"a\": [\n    1,\n    {}\n  ]\n}");
  const auto two = dir.write("two.jsonl", "{\"a\": 1}\n{\"a\": 2}\n");
  JSONLDatasetLoader().load(two.string()).save_data((dir / "two.json").string());
  EXPECT_EQ(read_file(dir / "two.json"), "[\n{\n  \"a\": 1\n},\n{\n  \"a\": 2\n}\n]");
  // What nova writes as .json, nova reads back.
  EXPECT_EQ(JSONDatasetLoader().load((dir / "two.json").string()).count(), 2u);
}

TEST(DatasetLoader, SaveRejectsUnknownExtensionAndTheInputItself) {
  TempDir dir;
  const auto f = dir.write("d.jsonl", ten_records());
  JSONLDatasetLoader loader;
  loader.load(f.string());
  EXPECT_THROW(loader.save_data((dir / "out.csv").string()), DataPrepError);
  EXPECT_THROW(loader.save_data((dir / "out.JSONL").string()), DataPrepError);  // case-sensitive, as the reference
  EXPECT_THROW(loader.save_data(f.string()), DataPrepError);
  EXPECT_EQ(read_file(f), ten_records());
}

TEST(DatasetLoader, FailedSaveLeavesNoFileAndKeepsTheOldOne) {
  TempDir dir;
  const auto f = dir.write("d.jsonl", "{\"a\": 1}\n{not json\n");
  const auto target = dir.write("out.jsonl", "previous\n");
  JSONLDatasetLoader loader;
  loader.load(f.string());
  try {
    loader.save_data(target.string());
    FAIL() << "expected DataPrepError";
  } catch (const DataPrepError& e) {
    EXPECT_THAT(e.what(), HasSubstr("d.jsonl:2"));
    EXPECT_THAT(e.what(), HasSubstr("json.syntax"));
  }
  EXPECT_EQ(read_file(target), "previous\n");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 2);  // no temporary file left behind
}

TEST(DatasetLoader, CsvRowsBecomeStringRecords) {
  TempDir dir;
  const auto f = dir.write("d.csv", "q,a\n\"line1\nline2\",42\n");
  CSVDatasetLoader loader;
  loader.load(f.string());
  loader.save_data((dir / "out.jsonl").string());
  EXPECT_EQ(read_file(dir / "out.jsonl"), "{\"q\": \"line1\\nline2\", \"a\": \"42\"}\n");
}

TEST(DatasetLoader, OutputFilesAreCreatedWithUmaskPermissions) {
  TempDir dir;
  const auto f = dir.write("d.jsonl", ten_records());
  JSONLDatasetLoader().load(f.string()).save_data((dir / "sub/dir/out.jsonl").string());
  struct stat st {};
  ASSERT_EQ(::stat((dir / "sub/dir/out.jsonl").c_str(), &st), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);
}

}  // namespace
}  // namespace nova
