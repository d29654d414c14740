// Output archives (output.tar.gz) built in the test with libarchive's writer, put where a
// finished job leaves them in moto's S3, and unpacked: layout, links skipped, bad archives
// refused with nothing left behind.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "aws/session/session.hpp"
#include "nova/aws.hpp"
#include "nova/error.hpp"
#include "results/output_archive.hpp"
#include "support/moto_suite.hpp"
#include "support/tar_gz.hpp"
#include "support/test_paths.hpp"

namespace nova::results {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using nova::testing::read_file;
using nova::testing::TempDir;

constexpr const char* kBucket = "nova-output-archives";

using Entry = nova::testing::TarEntry;
using nova::testing::tar_gz;
Entry dir(std::string name) { return nova::testing::tar_dir(std::move(name)); }

// Everything below `root`, relative, sorted.
std::vector<std::string> tree(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) out.push_back(fs::relative(e.path(), root).string());
  std::sort(out.begin(), out.end());
  return out;
}

class OutputArchiveTest : public nova::testing::MotoSuite {
 protected:
  static void SetUpTestSuite() {
    MotoSuite::SetUpTestSuite();
    aws::Session().s3().create_bucket(kBucket);
  }

  // Puts `data` at s3://<bucket>/<key> and returns the URI.
  std::string upload(const std::string& key, std::string data) {
    aws::PutObjectRequest req;
    req.bucket = kBucket;
    req.key = key;
    req.body = aws::body_from_string(std::move(data));
    s3_.put_object(req);
    return std::string("s3://") + kBucket + "/" + key;
  }

  // Extraction into tmp_/"out" must fail with DataPrepError mentioning each of `parts`, and
  // leave the parent directory as empty as it was.
  void expect_refused(const std::string& uri, const std::vector<std::string>& parts) {
    try {
      extract_output_archive(s3_, uri, tmp_ / "out");
      FAIL() << "expected DataPrepError for " << uri;
    } catch (const DataPrepError& e) {
      EXPECT_THAT(e.what(), HasSubstr(uri));
      for (const auto& p : parts) EXPECT_THAT(e.what(), HasSubstr(p));
    }
    EXPECT_TRUE(fs::is_empty(tmp_.path())) << "left behind: " << ::testing::PrintToString(tree(tmp_.path()));
  }

  aws::Session session_;
  aws::S3Client s3_ = session_.s3();
  TempDir tmp_;
};

TEST_F(OutputArchiveTest, ExtractsTheDocumentedLayout) {
  const std::string results = R"({"results": {"mmlu": {"acc": 0.5}}})";
  const std::string uri = upload(
      "out/job-1/output/output.tar.gz",
      tar_gz({dir("./"), dir("./job-1/"), dir("./job-1/eval_results/"),
              {"./job-1/eval_results/results_2025-01-01T00-00-00.json", results},
              {"job-1/eval_results/tensorboard_results/eval/events.out.tfevents.1", std::string("\0\1\2", 3)},
              {"job-1/empty.txt", ""}}));
  const ExtractedArchive summary = extract_output_archive(s3_, uri, tmp_ / "out");
  EXPECT_EQ(summary.files, 3u);
  EXPECT_EQ(summary.bytes, results.size() + 3u);
  EXPECT_TRUE(summary.skipped.empty());
  EXPECT_THAT(tree(tmp_ / "out"),
              ElementsAre("job-1", "job-1/empty.txt", "job-1/eval_results",
                          "job-1/eval_results/results_2025-01-01T00-00-00.json", "job-1/eval_results/tensorboard_results",
                          "job-1/eval_results/tensorboard_results/eval",
                          "job-1/eval_results/tensorboard_results/eval/events.out.tfevents.1"));
  EXPECT_EQ(read_file(tmp_ / "out/job-1/eval_results/results_2025-01-01T00-00-00.json"), results);
  EXPECT_EQ(read_file(tmp_ / "out/job-1/eval_results/tensorboard_results/eval/events.out.tfevents.1"),
            std::string("\0\1\2", 3));
  EXPECT_THAT(tree(tmp_.path()), ::testing::Contains("out"));
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp_.path()), fs::directory_iterator()), 1)
      << "no temporary file or directory beside the destination";
}

TEST_F(OutputArchiveTest, AnExistingEmptyDirectoryIsFilledAndAFullOneRefused) {
  const std::string uri = upload("out/small.tar.gz", tar_gz({{"a.txt", "a"}}));
  fs::create_directories(tmp_ / "empty");
  extract_output_archive(s3_, uri, tmp_ / "empty");
  EXPECT_EQ(read_file(tmp_ / "empty/a.txt"), "a");
  try {
    extract_output_archive(s3_, uri, tmp_ / "empty");
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("already exists"));
  }
}

TEST_F(OutputArchiveTest, AMemberLargerThanEveryBufferArrivesWhole) {
  std::string big(12 * 1024 * 1024, '\0');
  std::mt19937 rng(7);
  for (auto& c : big) c = static_cast<char>(rng());  // incompressible: the archive is as large
  const std::string archive = tar_gz({{"job/model.bin", big}, {"job/after.txt", "after"}});
  const std::string uri = upload("out/big.tar.gz", archive);
  // The download reports its bytes through the process-wide hook (the CLI's progress line).
  std::vector<TransferProgress> seen;
  set_transfer_progress_handler([&](const TransferProgress& p) { seen.push_back(p); });
  const ExtractedArchive summary = extract_output_archive(s3_, uri, tmp_ / "out");
  set_transfer_progress_handler({});
  ASSERT_GE(seen.size(), 2U);
  EXPECT_EQ(seen.front().uri, uri);
  EXPECT_FALSE(seen.front().upload);
  EXPECT_TRUE(seen.back().done);
  EXPECT_EQ(seen.back().bytes, archive.size());
  EXPECT_EQ(summary.bytes, big.size() + 5);
  EXPECT_TRUE(read_file(tmp_ / "out/job/model.bin") == big);
  EXPECT_EQ(read_file(tmp_ / "out/job/after.txt"), "after");
}

TEST_F(OutputArchiveTest, LinksAndDevicesAreSkipped) {
  const std::string uri = upload("out/links.tar.gz", tar_gz({{"job/real.txt", "real"},
                                                            {"job/sym", "", AE_IFLNK, "/etc/passwd"},
                                                            {"job/hard", "", AE_IFREG, "job/real.txt"},
                                                            {"job/tty", "", AE_IFCHR, ""},
                                                            {"job/fifo", "", AE_IFIFO, ""}}));
  const ExtractedArchive summary = extract_output_archive(s3_, uri, tmp_ / "out");
  EXPECT_THAT(summary.skipped, ElementsAre("job/sym", "job/hard", "job/tty", "job/fifo"));
  EXPECT_THAT(tree(tmp_ / "out"), ElementsAre("job", "job/real.txt"));
}

TEST_F(OutputArchiveTest, AnAbsolutePathIsRefused) {
  expect_refused(upload("out/abs.tar.gz", tar_gz({{"job/ok.txt", "ok"}, {"/tmp/nova-escape.txt", "x"}})),
                 {"'/tmp/nova-escape.txt'", "absolute"});
  EXPECT_FALSE(fs::exists("/tmp/nova-escape.txt"));
}

TEST_F(OutputArchiveTest, ADotDotComponentIsRefused) {
  expect_refused(upload("out/dotdot.tar.gz", tar_gz({{"job/ok.txt", "ok"}, {"job/../../escape.txt", "x"}})),
                 {"'job/../../escape.txt'", ".."});
}

TEST_F(OutputArchiveTest, NotAnArchiveIsRefused) {
  expect_refused(upload("out/garbage.tar.gz", "this is not a tarball, compressed or otherwise\n"),
                 {"corrupt or truncated"});
}

TEST_F(OutputArchiveTest, ACorruptArchiveIsRefused) {
  std::string data = tar_gz({{"job/a.txt", std::string(100000, 'a')}, {"job/b.txt", std::string(100000, 'b')}});
  // Damage the deflate data between the gzip header and trailer.
  for (std::size_t i = data.size() / 3; i < data.size() * 2 / 3; i += 7) data[i] = static_cast<char>(data[i] ^ 0x5a);
  expect_refused(upload("out/corrupt.tar.gz", data), {"corrupt"});
}

TEST_F(OutputArchiveTest, ATruncatedArchiveIsRefused) {
  std::string big(300000, '\0');
  std::mt19937 rng(11);
  for (auto& c : big) c = static_cast<char>(rng());
  const std::string data = tar_gz({{"job/first.txt", "first"}, {"job/big.bin", big}});
  expect_refused(upload("out/truncated.tar.gz", data.substr(0, data.size() / 2)), {"corrupt or truncated"});
}

TEST_F(OutputArchiveTest, AMissingObjectIsAServiceErrorAndLeavesNothing) {
  try {
    extract_output_archive(s3_, std::string("s3://") + kBucket + "/out/never-written.tar.gz", tmp_ / "out");
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "NoSuchKey");
  }
  EXPECT_TRUE(fs::is_empty(tmp_.path()));
}

TEST_F(OutputArchiveTest, AUriWithoutAKeyIsAValueError) {
  EXPECT_THROW(extract_output_archive(s3_, std::string("s3://") + kBucket, tmp_ / "out"), ValueError);
  EXPECT_THROW(extract_output_archive(s3_, "/local/output.tar.gz", tmp_ / "out"), ValueError);
  EXPECT_TRUE(fs::is_empty(tmp_.path()));
}

TEST_F(OutputArchiveTest, TheFirstMemberWithTheSuffixIsStreamedToAFile) {
  const std::string uri = upload("out/inference.tar.gz",
                                 tar_gz({{"job/other.jsonl", "no"},
                                         {"job/sym_inference_output.jsonl", "", AE_IFLNK, "/etc/passwd"},
                                         {"job/a/inference_output.jsonl", "{\"first\": 1}\n"},
                                         {"job/b/inference_output.jsonl", "{\"second\": 2}\n"}}));
  const auto name = extract_first_member_ending_with(s3_, uri, "inference_output.jsonl", tmp_ / "r/out.jsonl");
  EXPECT_EQ(name, "job/a/inference_output.jsonl");
  EXPECT_EQ(read_file(tmp_ / "r/out.jsonl"), "{\"first\": 1}\n");
  EXPECT_THAT(tree(tmp_ / "r"), ElementsAre("out.jsonl")) << "the downloaded archive is gone";

  EXPECT_EQ(extract_first_member_ending_with(s3_, uri, "results.json", tmp_ / "none/out.json"), std::nullopt);
  EXPECT_FALSE(fs::exists(tmp_ / "none/out.json"));
}

TEST_F(OutputArchiveTest, TheMemberSearchRefusesACorruptArchive) {
  try {
    extract_first_member_ending_with(s3_, upload("out/bad-inference.tar.gz", "garbage"), "inference_output.jsonl",
                                     tmp_ / "out.jsonl");
    FAIL() << "expected DataPrepError";
  } catch (const DataPrepError& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad-inference.tar.gz"));
  }
  EXPECT_TRUE(fs::is_empty(tmp_.path()));
}

}  // namespace
}  // namespace nova::results
