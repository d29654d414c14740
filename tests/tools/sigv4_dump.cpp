// Reads one JSON request per line on stdin, signs it with nova's SigV4 signer and prints
// one JSON line with the canonical request, string-to-sign and signature. Driven by
// tests/integration/sigv4_botocore_crosscheck.py, which compares the products with
// botocore's SigV4Auth / S3SigV4Auth.
//
// Input fields: method, host, path (wire form), query (wire form), headers [[name, value]...],
// body, s3 (bool), region, service, access_key, secret_key, token, time (epoch seconds).

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/core/sigv4/signer.hpp"

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    const auto in = nlohmann::json::parse(line);
    nova::aws::HttpRequest req;
    req.method = in.at("method");
    req.scheme = "http";
    req.host = in.at("host");
    req.path = in.at("path");
    req.query = in.value("query", "");
    for (const auto& h : in.at("headers")) req.headers.emplace_back(h.at(0), h.at(1));
    req.body.data = in.value("body", "");
    nova::aws::Credentials creds;
    creds.access_key_id = in.at("access_key");
    creds.secret_access_key = in.at("secret_key");
    creds.session_token = in.value("token", "");
    nova::aws::SigningParams params;
    params.region = in.at("region");
    params.service = in.at("service");
    params.s3 = in.value("s3", false);
    params.normalize_path = params.double_encode = !params.s3;
    params.time = std::chrono::system_clock::time_point(std::chrono::seconds(in.at("time").get<long long>()));
    const auto p = nova::aws::sign_request(req, creds, params);
    nlohmann::json out = {{"canonical_request", p.canonical_request},
                          {"string_to_sign", p.string_to_sign},
                          {"signature", p.signature},
                          {"authorization", p.authorization}};
    std::cout << out.dump() << "\n";
  }
  return 0;
}
