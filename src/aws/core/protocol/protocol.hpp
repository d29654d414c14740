#pragma once
// The four AWS wire protocols: how a request is framed and how an error response becomes
// (code, message, request id, HTTP status). Bodies are passed as strings so no JSON or XML
// library leaks into headers; services parse their own success bodies.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/core/http/http_request.hpp"

namespace nova::aws {

enum class Protocol { kJson11, kRestJson, kRestXml, kQuery };

struct ParsedError {
  std::string code;
  std::string message;
  std::string request_id;
  int http_status{0};
};

// Parses an error response. Tolerates bodies that are neither XML nor JSON (moto's HTML 500s)
// and empty bodies (HEAD): the code is then derived from the status.
ParsedError parse_error(Protocol protocol, const HttpResponse& response);

// S3 can answer 200 with an <Error> body (CompleteMultipartUpload, CopyObject): returns the
// error when the root element is <Error>.
std::optional<ParsedError> xml_error_in_body(const HttpResponse& response);

// Request id header of a response (x-amzn-RequestId, x-amz-request-id).
std::string request_id_of(const HttpResponse& response);

// --- request framing -------------------------------------------------------------------

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// query protocol: POST / with a form body `Action=<op>&Version=<v>&...`.
void frame_query(HttpRequest& request, std::string_view action, std::string_view version, const QueryParams& params);
// Appends `Name.member.1..N` entries for a list member.
void add_query_list(QueryParams& params, const std::string& name, const std::vector<std::string>& values);

// json 1.1: POST / with X-Amz-Target `<prefix>.<op>` and a JSON object body ("{}" if empty).
void frame_json11(HttpRequest& request, std::string_view target_prefix, std::string_view operation,
                  std::string json_body);

// rest-json: method + path from the caller; a JSON body (if any) with application/json.
void frame_rest_json(HttpRequest& request, std::string json_body);

// rest-xml: an XML body (if any) with application/xml.
void frame_rest_xml(HttpRequest& request, std::string xml_body);

// Escapes text for an XML element body or attribute.
std::string xml_escape(std::string_view text);

}  // namespace nova::aws
