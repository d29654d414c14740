// CloudWatch Logs client against a real moto_server: groups, streams and events written
// through the client and read back, every paginated operation over more than one page.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>

#include "aws/logs/logs_client.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "support/moto_suite.hpp"

namespace nova::aws {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// An hour ago: the service takes events from the last 14 days only.
const std::int64_t kBase =
    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count() -
    3600 * 1000;

class LogsMotoTest : public nova::testing::MotoSuite {
 protected:
  LogsClient client() { return Session().logs(); }

  static std::string unique_group() {
    static int n = 0;
    return "/nova/test/" + std::to_string(::getpid()) + "/" + std::to_string(++n);
  }

  // A group with one stream holding `count` events at t = kBase, kBase + 1, ... ("event i").
  std::string group_with_events(const std::string& stream, int count) {
    const std::string group = unique_group();
    auto logs = client();
    logs.create_log_group(group);
    logs.create_log_stream(group, stream);
    std::vector<InputLogEvent> events;
    for (int i = 0; i < count; ++i) events.push_back({kBase + i, "event " + std::to_string(i)});
    if (!events.empty()) logs.put_log_events(group, stream, events);
    return group;
  }
};

GetLogEventsRequest stream_request(const std::string& group, const std::string& stream) {
  GetLogEventsRequest r;
  r.log_group_name = group;
  r.log_stream_name = stream;
  return r;
}

std::vector<std::string> messages(const std::vector<LogEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.message);
  return out;
}

TEST_F(LogsMotoTest, EventsReadBackWithTimestampsAndIngestionTime) {
  const std::string group = group_with_events("job/algo-1", 3);
  GetLogEventsRequest req = stream_request(group, "job/algo-1");
  req.start_from_head = true;
  const GetLogEventsResult page = client().get_log_events(req);
  ASSERT_EQ(page.events.size(), 3u);
  EXPECT_THAT(messages(page.events), ElementsAre("event 0", "event 1", "event 2"));
  EXPECT_EQ(page.events[0].timestamp, kBase);
  EXPECT_EQ(page.events[2].timestamp, kBase + 2);
  EXPECT_GT(page.events[0].ingestion_time, 0);
  EXPECT_FALSE(page.next_forward_token.empty());
  EXPECT_FALSE(page.next_backward_token.empty());
}

TEST_F(LogsMotoTest, ForwardTokensWalkEveryPageAndRepeatAtTheEnd) {
  const std::string group = group_with_events("s", 7);
  auto logs = client();
  GetLogEventsRequest req = stream_request(group, "s");
  req.start_from_head = true;
  req.limit = 3;
  std::vector<std::string> seen;
  int pages = 0;
  for (;;) {
    const GetLogEventsResult page = logs.get_log_events(req);
    ++pages;
    for (const auto& e : page.events) seen.push_back(e.message);
    if (page.next_forward_token == req.next_token) break;
    req.next_token = page.next_forward_token;
    ASSERT_LT(pages, 10) << "the forward token never came back unchanged";
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"event 0", "event 1", "event 2", "event 3", "event 4", "event 5",
                                            "event 6"}));
  EXPECT_GE(pages, 3);
}

TEST_F(LogsMotoTest, WithoutStartFromHeadTheNewestPageComesFirstAndBackwardTokensGoOlder) {
  const std::string group = group_with_events("s", 5);
  auto logs = client();
  GetLogEventsRequest req = stream_request(group, "s");
  req.limit = 2;
  GetLogEventsResult page = logs.get_log_events(req);
  EXPECT_THAT(messages(page.events), ElementsAre("event 3", "event 4"));
  req.next_token = page.next_backward_token;
  req.start_from_head = false;
  page = logs.get_log_events(req);
  EXPECT_THAT(messages(page.events), ElementsAre("event 1", "event 2"));
}

TEST_F(LogsMotoTest, StartAndEndTimeBoundTheEvents) {
  const std::string group = group_with_events("s", 6);
  GetLogEventsRequest req = stream_request(group, "s");
  req.start_from_head = true;
  req.start_time = kBase + 2;
  req.end_time = kBase + 4;
  EXPECT_THAT(messages(client().get_log_events(req).events), ElementsAre("event 2", "event 3", "event 4"));
}

TEST_F(LogsMotoTest, DescribeAllLogStreamsFollowsEveryPageAndKeepsThePrefix) {
  const std::string group = unique_group();
  auto logs = client();
  logs.create_log_group(group);
  for (const char* s : {"job-a/algo-1-1", "job-a/algo-2-1", "job-a/algo-3-1", "job-a/algo-4-1", "job-a/algo-5-1",
                        "job-ab/algo-1-1", "other/algo-1-1"}) {
    logs.create_log_stream(group, s);
  }
  DescribeLogStreamsRequest req;
  req.log_group_name = group;
  req.log_stream_name_prefix = "job-a/";
  req.limit = 2;
  const DescribeLogStreamsResult first = logs.describe_log_streams(req);
  ASSERT_EQ(first.log_streams.size(), 2u);
  EXPECT_FALSE(first.next_token.empty()) << "five streams at two per page need more than one page";

  std::vector<std::string> names;
  for (const auto& s : logs.describe_all_log_streams(req)) {
    names.push_back(s.name);
    EXPECT_GT(s.creation_time, 0);
    EXPECT_THAT(s.arn, HasSubstr(group));
  }
  EXPECT_THAT(names, ElementsAre("job-a/algo-1-1", "job-a/algo-2-1", "job-a/algo-3-1", "job-a/algo-4-1",
                                 "job-a/algo-5-1"));
}

TEST_F(LogsMotoTest, FilterLogEventsPagesWithNextTokenAndNamesTheStream) {
  const std::string group = unique_group();
  auto logs = client();
  logs.create_log_group(group);
  logs.create_log_stream(group, "a");
  logs.create_log_stream(group, "b");
  logs.put_log_events(group, "a", {{kBase + 10, "a0"}, {kBase + 30, "a1"}, {kBase + 50, "a2"}});
  logs.put_log_events(group, "b", {{kBase + 20, "b0"}, {kBase + 40, "b1"}});

  FilterLogEventsRequest req;
  req.log_group_name = group;
  req.limit = 2;
  std::vector<std::string> seen;
  int pages = 0;
  for (;;) {
    const FilterLogEventsResult page = logs.filter_log_events(req);
    ++pages;
    for (const auto& e : page.events) {
      seen.push_back(e.log_stream_name + ":" + e.message);
      EXPECT_FALSE(e.event_id.empty());
    }
    if (page.next_token.empty()) break;
    req.next_token = page.next_token;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(seen, ::testing::UnorderedElementsAre("a:a0", "a:a1", "a:a2", "b:b0", "b:b1"));

  FilterLogEventsRequest only_b;
  only_b.log_group_name = group;
  only_b.log_stream_names = {"b"};
  only_b.start_time = kBase + 30;
  const FilterLogEventsResult b = logs.filter_log_events(only_b);
  ASSERT_EQ(b.events.size(), 1u);
  EXPECT_EQ(b.events[0].message, "b1");
  EXPECT_EQ(b.events[0].timestamp, kBase + 40);
}

TEST_F(LogsMotoTest, FilterRefusesAPrefixTogetherWithStreamNames) {
  FilterLogEventsRequest req;
  req.log_group_name = "/g";
  req.log_stream_name_prefix = "job/";
  req.log_stream_names = {"job/algo-1"};
  try {
    client().filter_log_events(req);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not both"));
  }
}

TEST_F(LogsMotoTest, AMissingGroupOrStreamIsResourceNotFound) {
  try {
    client().get_log_events(stream_request("/nova/absent", "nothing"));
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ResourceNotFoundException");
    EXPECT_EQ(e.operation(), "GetLogEvents");
  }
}

TEST_F(LogsMotoTest, RejectedEventsAreAnError) {
  const std::string group = group_with_events("s", 0);
  try {
    client().put_log_events(group, "s", {{1000, "from 1970"}});
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "RejectedLogEvents");
    EXPECT_THAT(e.what(), HasSubstr("tooOldLogEventEndIndex"));
  }
}

TEST_F(LogsMotoTest, CreatingAGroupTwiceIsAlreadyExists) {
  const std::string group = unique_group();
  auto logs = client();
  logs.create_log_group(group);
  try {
    logs.create_log_group(group);
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ResourceAlreadyExistsException");
  }
}

}  // namespace
}  // namespace nova::aws
