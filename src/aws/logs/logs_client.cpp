#include "aws/logs/logs_client.hpp"

#include <nlohmann/json.hpp>

#include "nova/error.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;

constexpr const char* kTargetPrefix = "Logs_20140328";

ServiceDescriptor logs_service() { return {"CloudWatch Logs", "logs", Protocol::kJson11, false}; }

OperationInfo read_op(const char* name) { return {name, true, false, false}; }
// A write sent twice is not the same as once (a duplicate event, "already exists").
OperationInfo write_op(const char* name) { return {name, false, false, false}; }

json parse_body(const std::string& body, const std::string& operation) {
  auto doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object()) return doc;
  throw ServiceError("CloudWatch Logs " + operation + " returned a body that is not a JSON object",
                     "CloudWatch Logs", operation, "InvalidResponse", 200, "", false);
}

std::string text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> millis(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<std::int64_t>();
}

std::int64_t millis_or_zero(const json& object, const char* key) { return millis(object, key).value_or(0); }

const json& list_member(const json& doc, const char* key) {
  static const json kEmpty = json::array();
  const auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? *it : kEmpty;
}

template <typename T>
void put_if(json& body, const char* key, const std::optional<T>& value) {
  if (value) body[key] = *value;
}

void put_if(json& body, const char* key, const std::string& value) {
  if (!value.empty()) body[key] = value;
}

// The members GetLogEvents and FilterLogEvents share: a time window and a page.
template <typename Request>
void put_window_and_page(json& body, const Request& request) {
  put_if(body, "startTime", request.start_time);
  put_if(body, "endTime", request.end_time);
  put_if(body, "limit", request.limit);
  put_if(body, "nextToken", request.next_token);
}

}  // namespace

LogsClient::LogsClient(ClientConfig config) : client_(logs_service(), std::move(config)) {}

std::string LogsClient::call(const OperationInfo& op, std::string body) {
  HttpRequest req = client_.new_request("POST", "/");
  frame_json11(req, kTargetPrefix, op.name, std::move(body));
  return client_.invoke(op, req).body;
}

DescribeLogStreamsResult LogsClient::describe_log_streams(const DescribeLogStreamsRequest& request) {
  const OperationInfo op = read_op("DescribeLogStreams");
  json body{{"logGroupName", request.log_group_name}};
  put_if(body, "logStreamNamePrefix", request.log_stream_name_prefix);
  put_if(body, "orderBy", request.order_by);
  if (request.descending) body["descending"] = true;
  put_if(body, "limit", request.limit);
  put_if(body, "nextToken", request.next_token);
  const json doc = parse_body(call(op, body.dump()), op.name);
  DescribeLogStreamsResult out;
  for (const auto& s : list_member(doc, "logStreams")) {
    out.log_streams.push_back({text(s, "logStreamName"), millis_or_zero(s, "creationTime"),
                               millis(s, "firstEventTimestamp"), millis(s, "lastEventTimestamp"), text(s, "arn")});
  }
  out.next_token = text(doc, "nextToken");
  return out;
}

std::vector<LogStream> LogsClient::describe_all_log_streams(DescribeLogStreamsRequest request) {
  std::vector<LogStream> out;
  for (;;) {
    DescribeLogStreamsResult page = describe_log_streams(request);
    out.insert(out.end(), page.log_streams.begin(), page.log_streams.end());
    // A token that does not move would loop forever; the service never sends one, but a
    // page without streams ends the listing either way.
    if (page.next_token.empty() || page.next_token == request.next_token || page.log_streams.empty()) break;
    request.next_token = std::move(page.next_token);
  }
  return out;
}

GetLogEventsResult LogsClient::get_log_events(const GetLogEventsRequest& request) {
  const OperationInfo op = read_op("GetLogEvents");
  json body{{"logGroupName", request.log_group_name}, {"logStreamName", request.log_stream_name}};
  put_window_and_page(body, request);
  put_if(body, "startFromHead", request.start_from_head);
  const json doc = parse_body(call(op, body.dump()), op.name);
  GetLogEventsResult out;
  for (const auto& e : list_member(doc, "events")) {
    out.events.push_back({millis_or_zero(e, "timestamp"), text(e, "message"), millis_or_zero(e, "ingestionTime")});
  }
  out.next_forward_token = text(doc, "nextForwardToken");
  out.next_backward_token = text(doc, "nextBackwardToken");
  return out;
}

FilterLogEventsResult LogsClient::filter_log_events(const FilterLogEventsRequest& request) {
  if (!request.log_stream_name_prefix.empty() && !request.log_stream_names.empty()) {
    throw ValueError("FilterLogEvents takes either a log stream name prefix or log stream names, not both (prefix '" +
                     request.log_stream_name_prefix + "')");
  }
  const OperationInfo op = read_op("FilterLogEvents");
  json body{{"logGroupName", request.log_group_name}};
  put_if(body, "logStreamNamePrefix", request.log_stream_name_prefix);
  if (!request.log_stream_names.empty()) body["logStreamNames"] = request.log_stream_names;
  put_if(body, "filterPattern", request.filter_pattern);
  put_window_and_page(body, request);
  put_if(body, "interleaved", request.interleaved);
  const json doc = parse_body(call(op, body.dump()), op.name);
  FilterLogEventsResult out;
  for (const auto& e : list_member(doc, "events")) {
    out.events.push_back({text(e, "logStreamName"), millis_or_zero(e, "timestamp"), text(e, "message"),
                          millis_or_zero(e, "ingestionTime"), text(e, "eventId")});
  }
  out.next_token = text(doc, "nextToken");
  return out;
}

void LogsClient::create_log_group(const std::string& log_group_name) {
  call(write_op("CreateLogGroup"), json{{"logGroupName", log_group_name}}.dump());
}

void LogsClient::create_log_stream(const std::string& log_group_name, const std::string& log_stream_name) {
  call(write_op("CreateLogStream"), json{{"logGroupName", log_group_name}, {"logStreamName", log_stream_name}}.dump());
}

void LogsClient::put_log_events(const std::string& log_group_name, const std::string& log_stream_name,
                                const std::vector<InputLogEvent>& events) {
  json list = json::array();
  for (const auto& e : events) list.push_back({{"timestamp", e.timestamp}, {"message", e.message}});
  const OperationInfo op = write_op("PutLogEvents");
  const json doc = parse_body(
      call(op, json{{"logGroupName", log_group_name}, {"logStreamName", log_stream_name}, {"logEvents", std::move(list)}}
                   .dump()),
      op.name);
  // The service drops events more than 14 days old or 2 hours ahead and still answers 200.
  if (const auto rejected = doc.find("rejectedLogEventsInfo"); rejected != doc.end() && !rejected->empty()) {
    throw ServiceError("CloudWatch Logs PutLogEvents rejected events of " + log_stream_name + ": " + rejected->dump() +
                           " (timestamps must lie between 14 days ago and 2 hours from now)",
                       "CloudWatch Logs", op.name, "RejectedLogEvents", 200, "", false);
  }
}

}  // namespace nova::aws
