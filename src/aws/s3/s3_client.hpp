#pragma once
// Amazon S3: object and bucket operations, streamed transfers and parallel multipart upload.
// Custom endpoints (AWS_ENDPOINT_URL, moto) use path-style addressing, which is also what
// this client uses for the default endpoint (`https://s3.<region>.amazonaws.com/<bucket>`).

#include <functional>
#include <string>

#include "aws/core/aws_client.hpp"
#include "aws/s3/s3_types.hpp"

namespace nova::aws {

class S3Client {
 public:
  explicit S3Client(ClientConfig config);

  /// @throws nova::ServiceError for every operation below (AWS errors and network failures).
  PutObjectResult put_object(const PutObjectRequest& request);
  /// Streams the body to `sink` (never held whole in memory).
  ObjectInfo get_object(const std::string& bucket, const std::string& key, const BodySink& sink,
                        const std::string& range = {});
  /// HeadObject; a missing key throws ServiceError with code "NotFound" (HTTP 404).
  ObjectInfo head_object(const std::string& bucket, const std::string& key);
  ListObjectsV2Result list_objects_v2(const ListObjectsV2Request& request);
  /// Every page of ListObjectsV2, calling `on_object` per key; returns the number of keys.
  std::uint64_t list_all_objects(ListObjectsV2Request request, const std::function<void(const ObjectSummary&)>& on_object);
  void delete_object(const std::string& bucket, const std::string& key);
  /// Up to 1000 keys per call.
  DeleteObjectsResult delete_objects(const std::string& bucket, const std::vector<std::string>& keys);
  /// Returns the bucket's region (x-amz-bucket-region); 404 throws ServiceError "NotFound".
  std::string head_bucket(const std::string& bucket);
  /// HeadBucket sent with x-amz-expected-bucket-owner: a bucket owned by another account
  /// answers 403 (ServiceError "Forbidden").
  std::string head_bucket(const std::string& bucket, const std::string& expected_bucket_owner);
  /// Creates the bucket in the client's region.
  void create_bucket(const std::string& bucket);
  /// Creates the bucket in `region` (a CreateBucketConfiguration LocationConstraint except
  /// in us-east-1, which takes none).
  void create_bucket(const std::string& bucket, const std::string& region);
  /// Default encryption of new objects: SSE-KMS with `kms_key_arn`.
  void put_bucket_encryption(const std::string& bucket, const std::string& kms_key_arn);

  // Multipart primitives. Uploads are created with the CRC-32 checksum algorithm, as the AWS
  // SDKs do by default: every part carries its CRC-32, which S3 verifies (BadDigest on a
  // mismatch), and Complete lists them. (Without one, S3 and moto checksum the whole object
  // themselves at Complete; moto copies and reads all of it once more to do so.)
  std::string create_multipart_upload(const std::string& bucket, const std::string& key, const TransferOptions& options);
  UploadedPart upload_part(const std::string& bucket, const std::string& key, const std::string& upload_id,
                           int part_number, std::string data);
  std::string complete_multipart_upload(const std::string& bucket, const std::string& key, const std::string& upload_id,
                                        const std::vector<UploadedPart>& parts);  // parts[i] is part i+1
  void abort_multipart_upload(const std::string& bucket, const std::string& key, const std::string& upload_id);
  /// In-progress multipart uploads under `prefix` (every page).
  std::vector<MultipartUploadSummary> list_multipart_uploads(const std::string& bucket, const std::string& prefix = {});

  /// Uploads a file: one PutObject up to `part_size`, else a multipart upload with
  /// `max_parallel_parts` parts in flight, each streamed from the file (no part buffers in
  /// memory), aborting the upload if any part fails.
  UploadResult upload_file(const std::string& bucket, const std::string& key, const std::filesystem::path& file,
                           const TransferOptions& options = {});
  /// Streams an object into a file (written beside it and renamed into place when complete).
  ObjectInfo download_file(const std::string& bucket, const std::string& key, const std::filesystem::path& file);

  AwsClient& core() { return client_; }

 private:
  UploadedPart send_part(const std::string& bucket, const std::string& key, const std::string& upload_id,
                         int part_number, RequestBody body, std::string checksum_crc32);
  HttpRequest object_request(std::string method, const std::string& bucket, const std::string& key,
                             std::string query = {}) const;
  AwsClient client_;
};

}  // namespace nova::aws
