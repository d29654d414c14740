#pragma once
// CloudWatch Logs request and result types (json 1.1, X-Amz-Target prefix "Logs_20140328").
// Times are epoch milliseconds, as on the wire. An unset optional is left out of the request.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nova::aws {

struct LogStream {
  std::string name;
  std::int64_t creation_time{0};
  std::optional<std::int64_t> first_event_timestamp;
  std::optional<std::int64_t> last_event_timestamp;
  std::string arn;
};

struct DescribeLogStreamsRequest {
  std::string log_group_name;
  std::string log_stream_name_prefix;
  std::string order_by;  // "LogStreamName" | "LastEventTime" ("" = the service default, LogStreamName)
  bool descending{false};
  std::optional<int> limit;  // 1..50
  std::string next_token;
};

struct DescribeLogStreamsResult {
  std::vector<LogStream> log_streams;
  std::string next_token;  // empty on the last page
};

struct LogEvent {
  std::int64_t timestamp{0};
  std::string message;
  std::int64_t ingestion_time{0};
};

struct GetLogEventsRequest {
  std::string log_group_name;
  std::string log_stream_name;
  std::optional<std::int64_t> start_time;
  std::optional<std::int64_t> end_time;
  std::optional<bool> start_from_head;  // must be true when next_token is a forward token
  std::optional<int> limit;             // 1..10000
  std::string next_token;
};

struct GetLogEventsResult {
  std::vector<LogEvent> events;  // oldest first within the page
  // At the end of the stream the service hands back the token it was sent.
  std::string next_forward_token;
  std::string next_backward_token;
};

struct FilterLogEventsRequest {
  std::string log_group_name;
  // At most one of the two (the service refuses both).
  std::string log_stream_name_prefix;
  std::vector<std::string> log_stream_names;
  std::string filter_pattern;
  std::optional<std::int64_t> start_time;
  std::optional<std::int64_t> end_time;
  std::optional<int> limit;  // 1..10000
  std::string next_token;
  // Deprecated by the service, which always interleaves streams by time now; emulators may
  // still need it to do so.
  std::optional<bool> interleaved;
};

struct FilteredLogEvent {
  std::string log_stream_name;
  std::int64_t timestamp{0};
  std::string message;
  std::int64_t ingestion_time{0};
  std::string event_id;
};

struct FilterLogEventsResult {
  std::vector<FilteredLogEvent> events;
  std::string next_token;  // empty on the last page
};

struct InputLogEvent {
  std::int64_t timestamp{0};
  std::string message;
};

}  // namespace nova::aws
