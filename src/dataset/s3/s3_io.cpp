#include "dataset/s3/s3_io.hpp"

#include <cstring>
#include <deque>
#include <fmt/format.h>
#include <future>
#include <mutex>
#include <optional>
#include <vector>

#include "aws/s3/transfer_progress.hpp"
#include "aws/session/session.hpp"
#include "nova/dataset.hpp"
#include "nova/error.hpp"
#include "nova/interrupt.hpp"

namespace nova::dataset {
namespace {

void report(const std::string& uri, bool upload, std::uint64_t bytes, std::uint64_t total, bool done) {
  aws::report_transfer_progress(uri, upload, bytes, total, done);
}

// "Cannot load 's3://b/k': S3 HeadObject failed: NotFound (HTTP 404): ..."
[[noreturn]] void rethrow_as_dataprep(const std::string& what, const std::string& uri) {
  try {
    throw;
  } catch (const ServiceError& e) {
    std::string detail;
    if (e.code() == "NotFound" || e.code() == "NoSuchKey") {
      detail = "no such object (or bucket)";
    } else if (e.code() == "NoSuchBucket") {
      detail = "no such bucket";
    } else {
      detail = fmt::format("S3 {} failed", e.operation());
    }
    throw DataPrepError(fmt::format("{} '{}': {} [{}{}]: {}", what, uri, detail, e.code(),
                                    e.http_status() ? fmt::format(", HTTP {}", e.http_status()) : "", e.what()));
  } catch (const ConfigError& e) {
    throw DataPrepError(fmt::format("{} '{}': AWS configuration: {}", what, uri, e.what()));
  }
}

aws::S3Client s3_client(const std::string& what, const std::string& uri) {
  try {
    return aws::Session::shared()->s3();
  } catch (const ConfigError&) {
    rethrow_as_dataprep(what, uri);
  }
}

class S3ByteSource final : public ByteSource {
 public:
  S3ByteSource(std::string uri, S3Location loc, std::uint64_t size)
      : uri_(std::move(uri)), loc_(std::move(loc)), size_(size), s3_(s3_client("Cannot read", uri_)) {
    prefetch();
  }
  ~S3ByteSource() override {
    if (next_.valid()) next_.wait();
  }

  std::size_t read(char* buffer, std::size_t n) override {
    while (pos_ == current_.size()) {
      if (!next_.valid()) return 0;
      try {
        current_ = next_.get();
      } catch (...) {
        rethrow_as_dataprep("Cannot read", uri_);
      }
      pos_ = 0;
      delivered_ += current_.size();
      report(uri_, false, delivered_, size_, delivered_ >= size_);
      prefetch();
    }
    const std::size_t k = std::min(n, current_.size() - pos_);
    std::memcpy(buffer, current_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const std::string& name() const override { return uri_; }

 private:
  // Starts the GET of the next range in the background (none past the end).
  void prefetch() {
    if (requested_ >= size_) return;
    const std::uint64_t begin = requested_;
    const std::uint64_t end = std::min<std::uint64_t>(size_, begin + kRangeSize);
    requested_ = end;
    next_ = std::async(std::launch::async, [this, begin, end] {
      std::string data;
      data.reserve(end - begin);
      s3_.get_object(
          loc_.bucket, loc_.key,
          [&](std::string_view chunk) {
            data.append(chunk);
            return data.size() <= end - begin;  // never more than asked for
          },
          fmt::format("bytes={}-{}", begin, end - 1));
      if (data.size() != end - begin) {
        throw DataPrepError(fmt::format("Cannot read '{}': the object changed while it was read", uri_));
      }
      return data;
    });
  }

  std::string uri_;
  S3Location loc_;
  std::uint64_t size_;
  aws::S3Client s3_;
  std::string current_;
  std::size_t pos_{0};
  std::uint64_t requested_{0};
  std::uint64_t delivered_{0};
  std::future<std::string> next_;
};

class S3OutputSink final : public OutputSink {
 public:
  S3OutputSink(std::string uri, S3Location loc)
      : uri_(std::move(uri)), loc_(std::move(loc)), s3_(s3_client("Cannot save to", uri_)) {
    buffer_.reserve(kPartSize);
    options_.content_type = "application/json";
    options_.part_size = kPartSize;
  }
  ~S3OutputSink() override {
    if (committed_) return;
    for (auto& f : in_flight_) f.wait();
    if (upload_id_.empty()) return;
    try {
      const DeferInterrupts defer;  // after Ctrl-C too: no unfinished upload is left behind
      s3_.abort_multipart_upload(loc_.bucket, loc_.key, upload_id_);
    } catch (...) {
      // Nothing better to do in a destructor; the original error is already on its way.
    }
  }

  void write(std::string_view data) override {
    try {
      while (!data.empty()) {
        const std::size_t take = std::min(data.size(), kPartSize - buffer_.size());
        buffer_.append(data.substr(0, take));
        data.remove_prefix(take);
        if (buffer_.size() == kPartSize) ship_part();
      }
    } catch (...) {
      rethrow_as_dataprep("Cannot save to", uri_);
    }
  }

  void commit() override {
    try {
      if (upload_id_.empty()) {
        aws::PutObjectRequest put;
        put.bucket = loc_.bucket;
        put.key = loc_.key;
        put.content_type = options_.content_type;
        bytes_ = buffer_.size();
        put.body = aws::body_from_string(std::move(buffer_));
        s3_.put_object(put);
      } else {
        if (!buffer_.empty()) ship_part();
        while (!in_flight_.empty()) collect_oldest();
        s3_.complete_multipart_upload(loc_.bucket, loc_.key, upload_id_, parts_);
      }
    } catch (...) {
      rethrow_as_dataprep("Cannot save to", uri_);
    }
    committed_ = true;
    report(uri_, true, bytes_, bytes_, true);
  }

 private:
  void ship_part() {
    if (upload_id_.empty()) {
      const DeferInterrupts defer;  // its id is what lets the destructor abort it
      upload_id_ = s3_.create_multipart_upload(loc_.bucket, loc_.key, options_);
    }
    while (in_flight_.size() >= kPartsInFlight) collect_oldest();
    const int part = static_cast<int>(parts_.size() + in_flight_.size()) + 1;
    bytes_ += buffer_.size();
    in_flight_.push_back(std::async(std::launch::async, [this, part, data = std::move(buffer_)]() mutable {
      return s3_.upload_part(loc_.bucket, loc_.key, upload_id_, part, std::move(data));
    }));
    buffer_ = std::string();
    buffer_.reserve(kPartSize);
  }

  // Parts complete in order of submission, so parts_[i] is part i+1.
  void collect_oldest() {
    std::future<aws::UploadedPart> f = std::move(in_flight_.front());
    in_flight_.pop_front();
    parts_.push_back(f.get());
    report(uri_, true, parts_.size() * kPartSize, 0, false);
  }

  std::string uri_;
  S3Location loc_;
  aws::S3Client s3_;
  aws::TransferOptions options_;
  std::string buffer_;
  std::string upload_id_;
  std::deque<std::future<aws::UploadedPart>> in_flight_;
  std::vector<aws::UploadedPart> parts_;
  std::uint64_t bytes_{0};
  bool committed_{false};
};

}  // namespace

bool is_s3_uri(std::string_view path) { return path.starts_with("s3://"); }

S3Location parse_s3_uri(const std::string& uri) {
  const std::string_view rest = std::string_view(uri).substr(5);
  const auto slash = rest.find('/');
  if (!is_s3_uri(uri) || slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
    throw DataPrepError(fmt::format("'{}' is not an S3 object URI (s3://bucket/key)", uri));
  }
  return {std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1))};
}

std::uint64_t check_s3_object(const std::string& uri) {
  const S3Location loc = parse_s3_uri(uri);
  aws::S3Client s3 = s3_client("Cannot load", uri);
  try {
    return s3.head_object(loc.bucket, loc.key).content_length;
  } catch (...) {
    rethrow_as_dataprep("Cannot load", uri);
  }
}

std::unique_ptr<ByteSource> open_s3_source(const std::string& uri) {
  const std::uint64_t size = check_s3_object(uri);
  return std::make_unique<S3ByteSource>(uri, parse_s3_uri(uri), size);
}

std::unique_ptr<OutputSink> open_s3_output(const std::string& uri) {
  return std::make_unique<S3OutputSink>(uri, parse_s3_uri(uri));
}

}  // namespace nova::dataset
