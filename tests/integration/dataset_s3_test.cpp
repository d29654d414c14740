// Dataset I/O over S3 against a real moto_server: load/transform/validate/save round trips
// for the three loaders, a multipart save, a save that fails midway (faults from the
// FaultInjectingTransport in front of the real curl transport), split from S3, and
// missing objects. Every S3 result is compared byte for byte with the same pipeline run on
// local files.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <memory>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/session/session.hpp"
#include "dataset/s3/s3_io.hpp"
#include "nova/dataset.hpp"
#include "nova/error.hpp"
#include "support/moto_suite.hpp"
#include "support/scoped_env.hpp"
#include "support/test_clock.hpp"
#include "support/test_paths.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;
using nova::testing::ScopedEnvironment;
using nova::testing::TempDir;

const std::string kSample = std::string(NOVA_SOURCE_DIR) + "/examples/sample/qa.csv";
const ColumnMappings kSampleMap = {{"question", "prompt"}, {"answer", "completion"}};

class DatasetS3 : public nova::testing::MotoSuite {
 protected:
  static void TearDownTestSuite() {
    aws::Session::set_shared(nullptr);  // its transport must not outlive the server
    MotoSuite::TearDownTestSuite();
  }
  void SetUp() override {
    aws::Session::set_shared(nullptr);  // resolved again from the environment above
    static int n = 0;
    bucket_ = "nova-ds-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
    s3().create_bucket(bucket_);
  }
  void TearDown() override { aws::Session::set_shared(nullptr); }

  static aws::S3Client s3() { return aws::Session::shared()->s3(); }
  std::string uri(const std::string& key) const { return "s3://" + bucket_ + "/" + key; }
  void put_file(const std::string& key, const std::filesystem::path& file) {
    s3().upload_file(bucket_, key, file);
  }
  std::string get(const std::string& key) {
    std::string out;
    s3().get_object(bucket_, key, [&](std::string_view c) {
      out.append(c);
      return true;
    });
    return out;
  }
  bool exists(const std::string& key) {
    try {
      s3().head_object(bucket_, key);
      return true;
    } catch (const ServiceError& e) {
      EXPECT_EQ(e.code(), "NotFound");
      return false;
    }
  }

  std::string bucket_;
  TempDir tmp_;
};

// The sample as JSONL / JSON / CSV, each loaded from S3 and from disk, transformed to SFT,
// validated and saved (to S3 and to disk): the outputs are identical.
TEST_F(DatasetS3, RoundTripAllThreeFormats) {
  CSVDatasetLoader csv(kSampleMap);
  csv.load(kSample);
  const auto jsonl_file = (tmp_ / "qa.jsonl").string();
  const auto json_file = (tmp_ / "qa.json").string();
  csv.save_data(jsonl_file);
  csv.save_data(json_file);
  const std::pair<std::string, std::string> inputs[] = {{kSample, "qa.csv"}, {jsonl_file, "qa.jsonl"}, {json_file, "qa.json"}};
  for (const auto& [local, key] : inputs) {
    SCOPED_TRACE(key);
    put_file("in/" + key, local);
    DatasetLoader remote = make_loader_for_path(uri("in/" + key), kSampleMap);
    remote.load(uri("in/" + key));
    DatasetLoader here = make_loader_for_path(local, kSampleMap);
    here.load(local);
    EXPECT_EQ(remote.count(), 30u);
    remote.transform(TrainingMethod::SFT_LORA, Model::NOVA_LITE_2);
    here.transform(TrainingMethod::SFT_LORA, Model::NOVA_LITE_2);
    remote.validate(TrainingMethod::SFT_LORA, Model::NOVA_LITE_2);
    for (const char* ext : {".jsonl", ".json"}) {
      const std::string out_key = "out/" + key + ext;
      EXPECT_EQ(remote.save_data(uri(out_key)), uri(out_key));
      const auto local_out = (tmp_ / ("out_" + key + ext)).string();
      here.save_data(local_out);
      EXPECT_EQ(get(out_key), testing::read_file(local_out));
      EXPECT_EQ(s3().head_object(bucket_, out_key).content_type, "application/json");
    }
    // What was saved to S3 loads back from S3 and validates.
    JSONLDatasetLoader back;
    back.load(uri("out/" + key + ".jsonl"));
    back.validate(TrainingMethod::SFT_LORA, Model::NOVA_LITE_2);
  }
}

std::string write_big_jsonl(const std::filesystem::path& path, std::uint64_t bytes) {
  std::ofstream out(path, std::ios::binary);
  const std::string pad(900, 'x');
  std::uint64_t written = 0;
  for (int i = 0; written < bytes; ++i) {
    const std::string line = "{\"prompt\": \"question " + std::to_string(i) + " " + pad + "\", \"completion\": \"answer " +
                             std::to_string(i) + "\"}\n";
    out << line;
    written += line.size();
  }
  return path.string();
}

// 20 MB: several 8 MiB ranges down (with prefetch) and a three-part multipart upload up.
TEST_F(DatasetS3, MultipartSaveAndRangedLoad) {
  const auto local = write_big_jsonl(tmp_ / "big.jsonl", 20u * 1000 * 1000);
  JSONLDatasetLoader here;
  here.load(local);
  here.save_data(uri("big.jsonl"));
  const aws::ObjectInfo info = s3().head_object(bucket_, "big.jsonl");
  EXPECT_EQ(info.content_length, std::filesystem::file_size(local));
  EXPECT_THAT(info.etag, HasSubstr("-3"));  // a multipart ETag: <md5>-<parts>
  EXPECT_EQ(info.content_type, "application/json");
  EXPECT_EQ(get("big.jsonl"), testing::read_file(local));

  JSONLDatasetLoader remote;
  remote.load(uri("big.jsonl"));
  EXPECT_EQ(remote.count(), here.count());
  const auto copy = (tmp_ / "copy.jsonl").string();
  remote.save_data(copy);
  EXPECT_EQ(testing::read_file(copy), testing::read_file(local));
}

// UploadPart 2 keeps failing: the save throws a DataPrepError naming the URI and the AWS
// code, no object exists, and the multipart upload was aborted.
TEST_F(DatasetS3, FailedSaveAbortsTheUpload) {
  const auto local = write_big_jsonl(tmp_ / "big.jsonl", 20u * 1000 * 1000);
  ScopedEnvironment attempts{{"AWS_MAX_ATTEMPTS", "2"}};
  auto faults = std::make_shared<aws::FaultInjectingTransport>(std::make_shared<aws::CurlTransport>());
  faults->set_rule([](const aws::HttpRequest& r) -> std::optional<aws::Fault> {
    if (r.method == "PUT" && r.query.find("partNumber=2&") != std::string::npos) {
      return aws::Fault::s3_error(500, "InternalError");
    }
    return std::nullopt;
  });
  aws::SessionOptions options;
  options.transport = faults;
  options.clock = std::make_shared<testing::RecordingClock>();
  aws::Session::set_shared(std::make_shared<const aws::Session>(options));

  JSONLDatasetLoader here;
  here.load(local);
  try {
    here.save_data(uri("broken.jsonl"));
    FAIL() << "expected a DataPrepError";
  } catch (const DataPrepError& e) {
    EXPECT_THAT(e.what(), HasSubstr(uri("broken.jsonl")));
    EXPECT_THAT(e.what(), HasSubstr("InternalError"));
  }
  EXPECT_FALSE(exists("broken.jsonl"));
  EXPECT_TRUE(s3().list_multipart_uploads(bucket_).empty());
  bool aborted = false;
  for (const auto& r : faults->requests()) {
    aborted = aborted || (r.method == "DELETE" && r.query.find("uploadId=") != std::string::npos);
  }
  EXPECT_TRUE(aborted);
}

// A loader that fails after a part was sent (a transform error midway) aborts too.
TEST_F(DatasetS3, SaveFailingInTheDatasetAbortsTheUpload) {
  const auto local = write_big_jsonl(tmp_ / "big.jsonl", 12u * 1000 * 1000);
  {
    std::ofstream out(local, std::ios::app);
    out << "{not json\n";
  }
  JSONLDatasetLoader here;
  here.load(local);
  EXPECT_THROW(here.save_data(uri("half.jsonl")), DataPrepError);
  EXPECT_FALSE(exists("half.jsonl"));
  EXPECT_TRUE(s3().list_multipart_uploads(bucket_).empty());
}

TEST_F(DatasetS3, SplitFromS3MatchesLocalSplit) {
  CSVDatasetLoader csv(kSampleMap);
  csv.load(kSample);
  const auto local = (tmp_ / "qa.jsonl").string();
  csv.save_data(local);
  put_file("qa.jsonl", local);
  JSONLDatasetLoader remote;
  remote.load(uri("qa.jsonl"));
  JSONLDatasetLoader here;
  here.load(local);
  auto [rt, rv, rs] = remote.split_data(0.8, 0.1, 0.1, 42);
  auto [lt, lv, ls] = here.split_data(0.8, 0.1, 0.1, 42);
  const std::pair<DatasetLoader*, DatasetLoader*> pairs[] = {{&rt, &lt}, {&rv, &lv}, {&rs, &ls}};
  int i = 0;
  for (const auto& [r, l] : pairs) {
    const std::string key = "splits/part" + std::to_string(i) + ".jsonl";
    const auto local_out = (tmp_ / ("part" + std::to_string(i++) + ".jsonl")).string();
    r->save_data(uri(key));
    l->save_data(local_out);
    EXPECT_EQ(get(key), testing::read_file(local_out));
  }
  EXPECT_EQ(rt.count(), 24u);
}

TEST_F(DatasetS3, MissingObjectOrBucketFailsAtLoad) {
  JSONLDatasetLoader loader;
  try {
    loader.load(uri("nope.jsonl"));
    FAIL() << "expected a DataPrepError";
  } catch (const DataPrepError& e) {
    EXPECT_THAT(e.what(), HasSubstr(uri("nope.jsonl")));
    EXPECT_THAT(e.what(), HasSubstr("NotFound"));
  }
  EXPECT_THROW(loader.load("s3://no-such-bucket-" + std::to_string(::getpid()) + "/a.jsonl"), DataPrepError);
  // The extension is checked as for local paths (before any request), and so is the URI.
  EXPECT_THROW(loader.load(uri("data.csv")), DataPrepError);
  EXPECT_THROW(loader.load("s3://bucket-only.jsonl"), DataPrepError);
  EXPECT_THROW(JSONLDatasetLoader().save_data("s3://bucket-only.jsonl"), DataPrepError);
}

TEST_F(DatasetS3, ProgressIsReportedForTransfers) {
  const auto local = write_big_jsonl(tmp_ / "big.jsonl", 10u * 1000 * 1000);
  std::vector<TransferProgress> seen;
  set_transfer_progress_handler([&](const TransferProgress& p) { seen.push_back(p); });
  JSONLDatasetLoader here;
  here.load(local);
  here.save_data(uri("p.jsonl"));
  JSONLDatasetLoader remote;
  remote.load(uri("p.jsonl"));
  (void)remote.count();
  set_transfer_progress_handler({});
  ASSERT_FALSE(seen.empty());
  const std::uint64_t size = std::filesystem::file_size(local);
  bool upload_done = false, download_done = false;
  for (const auto& p : seen) {
    if (p.upload && p.done) upload_done = p.bytes == size;
    if (!p.upload && p.done) download_done = p.bytes == size && p.total == size;
  }
  EXPECT_TRUE(upload_done);
  EXPECT_TRUE(download_done);
}

}  // namespace
}  // namespace nova
