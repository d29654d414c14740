#include "aws/core/protocol/protocol.hpp"

#include <gtest/gtest.h>

#include "aws/core/http/uri.hpp"
#include "core/log.hpp"

namespace nova::aws {
namespace {

HttpResponse response(int status, Headers headers, std::string body) { return {status, std::move(headers), std::move(body)}; }

TEST(ProtocolErrors, Json11TypeAndMessage) {
  const auto e = parse_error(Protocol::kJson11,
                             response(400, {{"x-amzn-RequestId", "rid-1"}},
                                      R"({"__type":"com.amazonaws.sagemaker#ValidationException","Message":"bad"})"));
  EXPECT_EQ(e.code, "ValidationException");
  EXPECT_EQ(e.message, "bad");
  EXPECT_EQ(e.request_id, "rid-1");
  EXPECT_EQ(e.http_status, 400);
}

TEST(ProtocolErrors, RestJsonHeaderWinsAndIsStripped) {
  const auto e = parse_error(Protocol::kRestJson,
                             response(404, {{"X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/"}},
                                      R"({"message":"no model"})"));
  EXPECT_EQ(e.code, "ResourceNotFoundException");
  EXPECT_EQ(e.message, "no model");
}

TEST(ProtocolErrors, QueryErrorResponse) {
  const auto e = parse_error(
      Protocol::kQuery,
      response(403, {},
               "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>bad key</Message>"
               "</Error><RequestId>rq-9</RequestId></ErrorResponse>"));
  EXPECT_EQ(e.code, "InvalidClientTokenId");
  EXPECT_EQ(e.message, "bad key");
  EXPECT_EQ(e.request_id, "rq-9");
}

TEST(ProtocolErrors, MotoAuthErrorsAreXmlEvenForJsonServices) {
  const auto e = parse_error(Protocol::kJson11,
                             response(403, {},
                                      "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code>"
                                      "<Message>sig</Message></Error></Errors></ErrorResponse>"));
  EXPECT_EQ(e.code, "SignatureDoesNotMatch");
}

TEST(ProtocolErrors, RestXmlS3Error) {
  const auto e = parse_error(Protocol::kRestXml,
                             response(404, {{"x-amz-request-id", "s3rid"}},
                                      "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone</Message></Error>"));
  EXPECT_EQ(e.code, "NoSuchKey");
  EXPECT_EQ(e.request_id, "s3rid");
}

TEST(ProtocolErrors, HeadWithoutBodyUsesStatus) {
  EXPECT_EQ(parse_error(Protocol::kRestXml, response(404, {}, "")).code, "NotFound");
  EXPECT_EQ(parse_error(Protocol::kRestXml, response(403, {}, "")).code, "Forbidden");
  EXPECT_EQ(parse_error(Protocol::kRestXml, response(301, {}, "")).code, "PermanentRedirect");
}

TEST(ProtocolErrors, HtmlBodyFromMotoIsTolerated) {
  const auto e = parse_error(Protocol::kJson11, response(500, {}, "<!doctype html><html><body>boom</body></html>"));
  EXPECT_EQ(e.code, "InternalError");
  EXPECT_NE(e.message.find("HTTP 500"), std::string::npos);
}

TEST(ProtocolErrors, S3ErrorInsideA200) {
  EXPECT_TRUE(xml_error_in_body(response(200, {}, "<Error><Code>InternalError</Code></Error>")).has_value());
  EXPECT_FALSE(xml_error_in_body(response(200, {}, "<CompleteMultipartUploadResult/>")).has_value());
  EXPECT_FALSE(xml_error_in_body(response(200, {}, "not xml")).has_value());
}

TEST(ProtocolFraming, QueryJsonRestXml) {
  HttpRequest q;
  QueryParams p{{"RoleArn", "arn:aws:iam::1:role/a b"}};
  add_query_list(p, "PolicyArns", {"x", "y"});
  frame_query(q, "AssumeRole", "2011-06-15", p);
  EXPECT_EQ(q.method, "POST");
  EXPECT_EQ(q.body.data,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b&PolicyArns.member.1=x&"
            "PolicyArns.member.2=y");
  EXPECT_EQ(*find_header(q.headers, "content-type"), "application/x-www-form-urlencoded; charset=utf-8");
  HttpRequest j;
  frame_json11(j, "SageMaker", "DescribeTrainingJob", "");
  EXPECT_EQ(j.body.data, "{}");
  EXPECT_EQ(*find_header(j.headers, "X-Amz-Target"), "SageMaker.DescribeTrainingJob");
  EXPECT_EQ(*find_header(j.headers, "Content-Type"), "application/x-amz-json-1.1");
  HttpRequest x;
  frame_rest_xml(x, "<a/>");
  EXPECT_EQ(*find_header(x.headers, "Content-Type"), "application/xml");
  EXPECT_EQ(xml_escape("<a&'\">"), "&lt;a&amp;&apos;&quot;&gt;");
}

TEST(Uri, StrictEncodingAndDecoding) {
  EXPECT_EQ(uri_encode("a b/c~d+e=f", true), "a%20b/c~d%2Be%3Df");
  EXPECT_EQ(uri_encode("a/b"), "a%2Fb");
  EXPECT_EQ(uri_encode("é"), "%C3%A9");
  EXPECT_EQ(uri_decode("%C3%A9+%2x%"), "é+%2x%");
}

TEST(LogRedaction, ReplacesEverySecretOccurrence) {
  EXPECT_EQ(core::redact("k=SECRET and SECRET, t=TOK", {"SECRET", "TOK", ""}),
            "k=<redacted> and <redacted>, t=<redacted>");
}

}  // namespace
}  // namespace nova::aws
