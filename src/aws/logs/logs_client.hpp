#pragma once
// Amazon CloudWatch Logs (json 1.1): reading the events a training job writes, and the few
// writes tests and tools need to put them there.

#include <string>
#include <vector>

#include "aws/core/aws_client.hpp"
#include "aws/logs/logs_types.hpp"

namespace nova::aws {

class LogsClient {
 public:
  explicit LogsClient(ClientConfig config);

  /// @throws nova::ServiceError for every operation below; a missing group or stream has
  /// code "ResourceNotFoundException".
  DescribeLogStreamsResult describe_log_streams(const DescribeLogStreamsRequest& request);
  /// Every page of DescribeLogStreams from `request` on (its limit is the page size).
  std::vector<LogStream> describe_all_log_streams(DescribeLogStreamsRequest request);
  GetLogEventsResult get_log_events(const GetLogEventsRequest& request);
  /// @throws nova::ValueError when both a stream name prefix and stream names are given
  FilterLogEventsResult filter_log_events(const FilterLogEventsRequest& request);

  void create_log_group(const std::string& log_group_name);
  void create_log_stream(const std::string& log_group_name, const std::string& log_stream_name);
  /// Events must be in timestamp order (a service rule). Events the service rejects (too
  /// old or too new) throw ServiceError "RejectedLogEvents".
  void put_log_events(const std::string& log_group_name, const std::string& log_stream_name,
                      const std::vector<InputLogEvent>& events);

  AwsClient& core() { return client_; }

 private:
  std::string call(const OperationInfo& op, std::string body);
  AwsClient client_;
};

}  // namespace nova::aws
