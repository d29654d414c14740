// nova-s3-transfer: the nova-sdk side of bench/s3_transfer.sh. Uploads a file with
// S3Client::upload_file (parallel multipart) or downloads an object with download_file
// (one streamed GET), through an aws::Session resolved from the environment.
//   nova-s3-transfer up FILE BUCKET KEY [PARTS_IN_FLIGHT]
//   nova-s3-transfer down BUCKET KEY FILE
#include <cstdio>
#include <exception>
#include <string>

#include "aws/session/session.hpp"

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::fprintf(stderr, "usage: %s up FILE BUCKET KEY [PARTS_IN_FLIGHT] | down BUCKET KEY FILE\n", argv[0]);
    return 2;
  }
  try {
    const nova::aws::Session session;
    nova::aws::S3Client s3 = session.s3();
    const std::string mode = argv[1];
    if (mode == "up") {
      nova::aws::TransferOptions options;
      if (argc == 6) options.max_parallel_parts = std::stoi(argv[5]);
      const auto r = s3.upload_file(argv[3], argv[4], argv[2], options);
      std::printf("uploaded %llu bytes in %d parts\n", static_cast<unsigned long long>(r.bytes), r.parts);
    } else if (mode == "down") {
      const auto info = s3.download_file(argv[2], argv[3], argv[4]);
      std::printf("downloaded %llu bytes\n", static_cast<unsigned long long>(info.content_length));
    } else {
      std::fprintf(stderr, "unknown mode '%s'\n", argv[1]);
      return 2;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nova-s3-transfer: %s\n", e.what());
    return 1;
  }
  return 0;
}
