#pragma once
/// @file
/// The exceptions thrown by the public API. They mirror the specification's error
/// types (`ValueError`, `DataPrepError`) so the Python module can bind them one to one.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace nova {

/// Base of every error the SDK throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Invalid parameters or configuration (the specification's `ValueError`).
class ValueError : public Error {
 public:
  using Error::Error;
};

/// Dataset preparation failed: unreadable input, a transform or split that cannot be done,
/// a save that failed (the specification's `DataPrepError`).
class DataPrepError : public Error {
 public:
  using Error::Error;
};

/// A method that exists in the API but is not implemented yet.
class NotImplementedError : public Error {
 public:
  using Error::Error;
};

/// One rejected record: where it is and which rule it breaks.
struct RecordIssue {
  std::string file;         ///< file (or s3:// URI) the record came from
  std::uint64_t record{0};  ///< 0-based index of the record in the dataset
  std::uint64_t line{0};    ///< 1-based line in the file where the record starts
  std::string path;         ///< field path, e.g. `messages[0].content[1].image.format`
  std::string rule;         ///< stable rule id, e.g. `sft.image.format`
  std::string message;      ///< what is wrong
  std::string hint;         ///< one-line fix
};

/// Outcome of validating a dataset.
struct ValidationReport {
  bool valid{true};
  std::uint64_t records{0};          ///< records read
  std::uint64_t invalid_records{0};  ///< records with at least one issue
  std::uint64_t total_issues{0};     ///< issues found (may exceed `issues.size()`)
  std::vector<RecordIssue> issues;   ///< the first issues found, capped
  std::string dataset_kind;          ///< "SFT", "RFT", "CPT", "DPO", "Evaluation BYOD"
  std::string skipped_reason;        ///< non-empty when validation was skipped on purpose
};

/// Validation found invalid records. Is a `ValueError`, as in the specification.
class ValidationError : public ValueError {
 public:
  explicit ValidationError(ValidationReport report);
  const ValidationReport& report() const noexcept { return report_; }

 private:
  ValidationReport report_;
};

/// Renders the human message of a failed validation: the count and the first `shown` issues.
std::string describe_validation_failure(const ValidationReport& report, std::size_t shown = 20);

}  // namespace nova

namespace nova {

/// An AWS service answered with an error (after retries, where retrying made sense).
class ServiceError : public Error {
 public:
  ServiceError(std::string message, std::string service, std::string operation, std::string code,
               int http_status, std::string request_id, bool retryable)
      : Error(std::move(message)),
        service_(std::move(service)),
        operation_(std::move(operation)),
        code_(std::move(code)),
        http_status_(http_status),
        request_id_(std::move(request_id)),
        retryable_(retryable) {}
  const std::string& service() const noexcept { return service_; }
  const std::string& operation() const noexcept { return operation_; }
  /// The AWS error code, e.g. "NoSuchKey", "ThrottlingException"; "NetworkError" for transport failures.
  const std::string& code() const noexcept { return code_; }
  int http_status() const noexcept { return http_status_; }  ///< 0 when no response arrived
  const std::string& request_id() const noexcept { return request_id_; }
  bool retryable() const noexcept { return retryable_; }

 private:
  std::string service_, operation_, code_;
  int http_status_;
  std::string request_id_;
  bool retryable_;
};

/// No usable credentials, region or configuration (names what was tried and how to fix it).
class ConfigError : public Error {
 public:
  using Error::Error;
};

}  // namespace nova
