#include "aws/core/protocol/protocol.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "aws/core/http/uri.hpp"

namespace nova::aws {
namespace {

std::string status_code_name(int status) {
  switch (status) {
    case 301: return "PermanentRedirect";
    case 304: return "NotModified";
    case 400: return "BadRequest";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 412: return "PreconditionFailed";
    case 500: return "InternalError";
    case 502: return "BadGateway";
    case 503: return "ServiceUnavailable";
    case 504: return "GatewayTimeout";
    default: return "Http" + std::to_string(status);
  }
}

// `ns#Code:uri` -> `Code`.
std::string clean_code(std::string code) {
  if (const auto hash = code.find('#'); hash != std::string::npos) code.erase(0, hash + 1);
  if (const auto colon = code.find(':'); colon != std::string::npos) code.resize(colon);
  return code;
}

std::string snippet(std::string_view body) {
  std::string s(body.substr(0, 200));
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

bool parse_json_error(const HttpResponse& response, ParsedError& out) {
  if (const std::string* t = find_header(response.headers, "x-amzn-ErrorType"); t && !t->empty()) {
    out.code = clean_code(*t);
  }
  const auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object()) {
    if (out.code.empty()) {
      for (const char* key : {"__type", "code", "Code"}) {
        if (auto it = doc.find(key); it != doc.end() && it->is_string()) {
          out.code = clean_code(it->get<std::string>());
          break;
        }
      }
    }
    for (const char* key : {"message", "Message", "errorMessage"}) {
      if (auto it = doc.find(key); it != doc.end() && it->is_string()) {
        out.message = it->get<std::string>();
        break;
      }
    }
  }
  return !out.code.empty();
}

bool parse_xml_error(const HttpResponse& response, ParsedError& out) {
  pugi::xml_document doc;
  if (!doc.load_buffer(response.body.data(), response.body.size())) return false;
  // S3: <Error>; query: <ErrorResponse><Error>; moto auth errors: <ErrorResponse><Errors><Error>.
  pugi::xml_node error = doc.child("Error");
  pugi::xml_node root = doc.document_element();
  if (!error) error = root.child("Error");
  if (!error) error = root.child("Errors").child("Error");
  if (!error) return false;
  out.code = error.child_value("Code");
  out.message = error.child_value("Message");
  std::string rid = error.child_value("RequestId");
  if (rid.empty()) rid = root.child_value("RequestId");
  if (rid.empty()) rid = root.child_value("RequestID");
  if (!rid.empty()) out.request_id = rid;
  return !out.code.empty();
}

}  // namespace

std::string request_id_of(const HttpResponse& response) {
  for (const char* name : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id"}) {
    if (const std::string* v = find_header(response.headers, name)) return *v;
  }
  return {};
}

ParsedError parse_error(Protocol protocol, const HttpResponse& response) {
  ParsedError out;
  out.http_status = response.status;
  out.request_id = request_id_of(response);
  bool parsed = false;
  if (!response.body.empty()) {
    if (protocol == Protocol::kJson11 || protocol == Protocol::kRestJson) {
      parsed = parse_json_error(response, out);
      if (!parsed) parsed = parse_xml_error(response, out);  // moto's auth errors are XML everywhere
    } else {
      parsed = parse_xml_error(response, out);
    }
  } else if (protocol == Protocol::kJson11 || protocol == Protocol::kRestJson) {
    parsed = parse_json_error(response, out);  // the header alone may carry the code
  }
  if (!parsed) {
    out.code = status_code_name(response.status);
    if (out.message.empty()) {
      out.message = response.body.empty() ? "HTTP " + std::to_string(response.status) + " with no body"
                                          : "HTTP " + std::to_string(response.status) + ": " + snippet(response.body);
    }
  }
  return out;
}

std::optional<ParsedError> xml_error_in_body(const HttpResponse& response) {
  pugi::xml_document doc;
  if (!doc.load_buffer(response.body.data(), response.body.size())) return std::nullopt;
  if (std::string_view(doc.document_element().name()) != "Error") return std::nullopt;
  ParsedError out;
  out.http_status = response.status;
  out.request_id = request_id_of(response);
  parse_xml_error(response, out);
  return out;
}

void frame_query(HttpRequest& request, std::string_view action, std::string_view version, const QueryParams& params) {
  QueryParams all;
  all.reserve(params.size() + 2);
  all.emplace_back("Action", std::string(action));
  all.emplace_back("Version", std::string(version));
  all.insert(all.end(), params.begin(), params.end());
  request.method = "POST";
  request.body.data = build_query(all);
  set_header(request.headers, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
}

void add_query_list(QueryParams& params, const std::string& name, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    params.emplace_back(name + ".member." + std::to_string(i + 1), values[i]);
  }
}

void frame_json11(HttpRequest& request, std::string_view target_prefix, std::string_view operation,
                  std::string json_body) {
  request.method = "POST";
  if (request.path.empty()) request.path = "/";
  request.body.data = json_body.empty() ? "{}" : std::move(json_body);
  set_header(request.headers, "Content-Type", "application/x-amz-json-1.1");
  set_header(request.headers, "X-Amz-Target", std::string(target_prefix) + "." + std::string(operation));
}

void frame_rest_json(HttpRequest& request, std::string json_body) {
  if (json_body.empty()) return;
  request.body.data = std::move(json_body);
  set_header(request.headers, "Content-Type", "application/json");
}

void frame_rest_xml(HttpRequest& request, std::string xml_body) {
  if (xml_body.empty()) return;
  request.body.data = std::move(xml_body);
  set_header(request.headers, "Content-Type", "application/xml");
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace nova::aws
