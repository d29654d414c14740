// dump() / load() in the reference SDK's file format.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "nova/results.hpp"
#include "results/python_json.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
namespace fs = std::filesystem;

BaseJobResult::TimePoint jan30() {
  using namespace std::chrono;
  return sys_days{year{2026} / 1 / 30} + hours(12) + minutes(34) + seconds(56) + microseconds(123456);
}

class ResultFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nova-results-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  fs::path dir_;
};

// Written by the reference: json.dump(result._to_dict() + __class_name__), started_time isoformat.
constexpr const char* kReferenceTraining =
    R"({"job_id": "my-sft-0f8fad5b", "started_time": "2026-01-30T12:34:56.123456+00:00", "method": "sft_lora", )"
    R"("model_artifacts": {"checkpoint_s3_path": "s3://escrow/ckpt", "output_s3_path": "s3://out/output"}, )"
    R"("model_type": "NOVA_LITE_2", "__class_name__": "SMTJTrainingResult"})";

TEST_F(ResultFileTest, DumpIsByteIdenticalToTheReference) {
  SMTJTrainingResult r("my-sft-0f8fad5b", jan30(), TrainingMethod::SFT_LORA,
                       ModelArtifacts{"s3://escrow/ckpt", "s3://out/output"}, Model::NOVA_LITE_2);
  const fs::path p = r.dump(dir_.string());
  EXPECT_EQ(p, dir_ / "my-sft-0f8fad5b_SMTJ.json");
  EXPECT_EQ(read(p), kReferenceTraining);
}

TEST_F(ResultFileTest, LoadsTheReferenceFile) {
  const auto loaded = BaseJobResult::load(write("ref.json", kReferenceTraining).string());
  const auto* r = dynamic_cast<const SMTJTrainingResult*>(loaded.get());
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->job_id(), "my-sft-0f8fad5b");
  EXPECT_EQ(r->started_time(), jan30());
  EXPECT_EQ(r->method(), TrainingMethod::SFT_LORA);
  EXPECT_EQ(r->model_artifacts(), (ModelArtifacts{"s3://escrow/ckpt", "s3://out/output"}));
  EXPECT_EQ(r->model_type(), Model::NOVA_LITE_2);
}

TEST_F(ResultFileTest, LoadsAnOlderFileWithoutModelTypeAndNullCheckpoint) {
  const auto loaded = BaseJobResult::load(
      write("old.json",
            R"({"job_id": "j", "started_time": "2026-01-30 12:34:56Z", "method": "rft_full", )"
            R"("model_artifacts": {"checkpoint_s3_path": null, "output_s3_path": "s3://o"}, "__class_name__": "SMTJTrainingResult"})")
          .string());
  const auto* r = dynamic_cast<const SMTJTrainingResult*>(loaded.get());
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->model_type(), std::nullopt);
  EXPECT_EQ(r->model_artifacts().checkpoint_s3_path, std::nullopt);
  EXPECT_EQ(r->method(), TrainingMethod::RFT_FULL);
  EXPECT_EQ(r->started_time(), std::chrono::floor<std::chrono::seconds>(jan30()));
}

TEST_F(ResultFileTest, EveryClassRoundTrips) {
  std::vector<std::unique_ptr<BaseJobResult>> results;
  results.push_back(std::make_unique<SMHPTrainingResult>("hp-job", jan30(), TrainingMethod::CPT,
                                                         ModelArtifacts{std::nullopt, "s3://o/"}, "cluster-1"));
  results.push_back(std::make_unique<SMTJEvaluationResult>("eval-1", jan30(), EvaluationTask::GEN_QA,
                                                           "s3://o/eval-1/output/output.tar.gz"));
  results.push_back(std::make_unique<SMHPEvaluationResult>("eval-2", jan30(), EvaluationTask::MMLU, "s3://o/eval-2/eval-result/",
                                                           "cluster-1", "team-a"));
  results.push_back(std::make_unique<SMTJBatchInferenceResult>("bi-1", jan30(), "s3://o/bi/output/output.tar.gz"));
  results.push_back(std::make_unique<SMHPBatchInferenceResult>("bi-2", jan30(), "s3://o/bi-2/eval-result/", "cluster-1"));
  for (const auto& r : results) {
    const fs::path p = r->dump(dir_.string(), std::string(r->class_name()) + ".json");
    const auto back = BaseJobResult::load(p.string());
    EXPECT_EQ(back->class_name(), r->class_name());
    EXPECT_EQ(back->job_id(), r->job_id());
    EXPECT_EQ(back->started_time(), r->started_time());
    EXPECT_EQ(read(back->dump(dir_.string(), "again.json")), read(p)) << r->class_name();
  }
  EXPECT_EQ(read(dir_ / "SMHPEvaluationResult.json"),
            R"({"job_id": "eval-2", "started_time": "2026-01-30T12:34:56.123456+00:00", "eval_task": "mmlu", )"
            R"("eval_output_path": "s3://o/eval-2/eval-result/", "cluster_name": "cluster-1", "namespace": "team-a", )"
            R"("__class_name__": "SMHPEvaluationResult"})");
  EXPECT_EQ(read(dir_ / "SMTJBatchInferenceResult.json"),
            R"({"job_id": "bi-1", "started_time": "2026-01-30T12:34:56.123456+00:00", )"
            R"("inference_output_path": "s3://o/bi/output/output.tar.gz", "__class_name__": "SMTJBatchInferenceResult"})");
  EXPECT_EQ(read(dir_ / "SMHPBatchInferenceResult.json"),
            R"({"job_id": "bi-2", "started_time": "2026-01-30T12:34:56.123456+00:00", )"
            R"("inference_output_path": "s3://o/bi-2/eval-result/", "cluster_name": "cluster-1", "namespace": "kubeflow", )"
            R"("__class_name__": "SMHPBatchInferenceResult"})");
  const auto bi = BaseJobResult::load((dir_ / "SMHPBatchInferenceResult.json").string());
  EXPECT_EQ(bi->platform(), Platform::SMHP);
  EXPECT_EQ(dynamic_cast<const SMHPBatchInferenceResult&>(*bi).cluster_name(), "cluster-1");
  const auto hp = BaseJobResult::load((dir_ / "SMHPTrainingResult.json").string());
  EXPECT_EQ(dynamic_cast<const SMHPTrainingResult&>(*hp).namespace_name(), "kubeflow");
  EXPECT_EQ(hp->platform(), Platform::SMHP);
}

TEST_F(ResultFileTest, DefaultNameUsesThePlatform) {
  SMHPEvaluationResult r("eval-9", jan30(), EvaluationTask::BBH, "s3://o/", "c1");
  const fs::path cwd = fs::current_path();
  fs::current_path(dir_);
  const fs::path p = r.dump();
  fs::current_path(cwd);
  EXPECT_EQ(p, fs::path("eval-9_SMHP.json"));
  EXPECT_TRUE(fs::exists(dir_ / "eval-9_SMHP.json"));
}

TEST_F(ResultFileTest, LoadErrorsNameTheProblem) {
  const auto no_class = write("a.json", R"({"job_id": "j"})").string();
  EXPECT_THAT([&] { BaseJobResult::load(no_class); },
              ThrowsMessage<ValueError>(HasSubstr("Unable to load job result from " + no_class + ", no class name found")));
  const auto unknown = write("b.json", R"({"__class_name__": "Deployment"})").string();
  EXPECT_THAT([&] { BaseJobResult::load(unknown); }, ThrowsMessage<ValueError>(HasSubstr("'Deployment'")));
  const auto missing = write("c.json", R"({"__class_name__": "SMTJEvaluationResult", "job_id": "j"})").string();
  EXPECT_THAT([&] { BaseJobResult::load(missing); }, ThrowsMessage<ValueError>(HasSubstr("' is missing")));
  const auto bad_time = write("d.json", R"({"__class_name__": "SMTJBatchInferenceResult", "job_id": "j", )"
                                        R"("started_time": "yesterday", "inference_output_path": "s3://x"})")
                            .string();
  EXPECT_THAT([&] { BaseJobResult::load(bad_time); }, ThrowsMessage<ValueError>(HasSubstr("'yesterday'")));
  const auto bad_method = write("e.json", R"({"__class_name__": "SMTJTrainingResult", "job_id": "j", )"
                                          R"("started_time": "2026-01-30T00:00:00", "method": "ppo", "model_artifacts": {}})")
                              .string();
  EXPECT_THAT([&] { BaseJobResult::load(bad_method); }, ThrowsMessage<ValueError>(HasSubstr("'ppo'")));
  EXPECT_THAT([&] { BaseJobResult::load((dir_ / "absent.json").string()); },
              ThrowsMessage<ValueError>(HasSubstr("cannot be read")));
  EXPECT_THAT([&] { BaseJobResult::load(write("f.json", "not json").string()); },
              ThrowsMessage<ValueError>(HasSubstr("not JSON")));
}

TEST(PythonJsonDumps, EscapesAsEnsureAscii) {
  nlohmann::ordered_json j;
  j["job_id"] = "\xC3\xA9valu\xC3\xA9-\xF0\x9F\x98\x80\"\\\x01\x7F";
  EXPECT_EQ(results::python_json_dumps(j), R"({"job_id": "\u00e9valu\u00e9-\ud83d\ude00\"\\\u0001\u007f"})");
}

TEST(PythonIsoformat, WritesLikeDatetimeIsoformat) {
  EXPECT_EQ(to_python_isoformat(jan30()), "2026-01-30T12:34:56.123456+00:00");
  EXPECT_EQ(to_python_isoformat(std::chrono::floor<std::chrono::seconds>(jan30())), "2026-01-30T12:34:56+00:00");
}

TEST(PythonIsoformat, ReadsOffsetsZAndNaiveTimes) {
  EXPECT_EQ(parse_python_isoformat("2026-01-30T12:34:56.123456+00:00"), jan30());
  EXPECT_EQ(parse_python_isoformat("2026-01-30T14:34:56.123456+02:00"), jan30());
  EXPECT_EQ(parse_python_isoformat("2026-01-30T10:04:56.123456-02:30"), jan30());
  EXPECT_EQ(parse_python_isoformat("2026-01-30T12:34:56.123Z"),
            jan30() - std::chrono::microseconds(123456) + std::chrono::milliseconds(123));
  EXPECT_EQ(parse_python_isoformat("2026-01-30T12:34:56"), std::chrono::floor<std::chrono::seconds>(jan30()));
  EXPECT_THROW(parse_python_isoformat("2026-02-30T00:00:00"), ValueError);
  EXPECT_THROW(parse_python_isoformat("2026-01-30T25:00:00"), ValueError);
  EXPECT_THROW(parse_python_isoformat("2026-01-30T12:34:56+0"), ValueError);
}

}  // namespace
}  // namespace nova
