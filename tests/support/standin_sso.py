"""IAM Identity Center in the AWS stand-in (moto 5.2.1 has neither the access portal nor SSO
OIDC): GetRoleCredentials for the access tokens it was given, CreateToken (refresh_token
grant) for the client registrations it was given. Both operations are unsigned (botocore's
model: no auth), so requests without a SigV4 scope are offered to this module; the rest-json
layer validates each request and answer against botocore's model.

Control API (under /_standin/):
  PUT sso/tokens   {"<access token>": {"account_id": "...", "role_name": "..."}, ...}
                   the tokens GetRoleCredentials accepts, each for one role
  PUT sso/clients  {"<client id>": {"secret": "...", "refresh_token": "..."}, ...}
                   the registrations CreateToken accepts; a refresh issues a new access token
                   for the roles of the client's earlier tokens and rotates the refresh token
"""
import time

from standin_common import Mismatch, Reply

SERVICES = ("sso", "sso-oidc")
UNSIGNED_SERVICES = SERVICES


def init_state(state):
    state.ext["sso"] = {"tokens": {}, "clients": {}, "issued": 0}


def serve(handler, service, operation, params):
    if handler.headers.get("Authorization"):
        raise Mismatch(f"{operation} was signed; botocore's model says it takes no auth (the bearer token is all)")
    ext = handler.state.ext["sso"]
    with handler.state.lock:
        if (service, operation) == ("sso", "GetRoleCredentials"):
            grant = ext["tokens"].get(params["accessToken"])
            if grant is None:
                raise Reply(401, "UnauthorizedException", "Session token not found or invalid")
            if (grant["account_id"], grant["role_name"]) != (params["accountId"], params["roleName"]):
                raise Reply(403, "ForbiddenException", "No access")
            ext["issued"] += 1
            n = ext["issued"]
            return {"roleCredentials": {"accessKeyId": f"ASIASSOSTANDIN{n:06d}", "secretAccessKey": f"sso-secret-{n}",
                                        "sessionToken": f"sso-session-{n}",
                                        "expiration": int((time.time() + 3600) * 1000)}}
        if (service, operation) == ("sso-oidc", "CreateToken"):
            if params["grantType"] != "refresh_token":
                raise Mismatch(f"CreateToken grantType {params['grantType']!r}: nova only refreshes")
            client = ext["clients"].get(params["clientId"])
            if client is None or client["secret"] != params["clientSecret"]:
                raise Reply(401, "InvalidClientException", "Invalid client")
            if client["refresh_token"] != params.get("refreshToken"):
                raise Reply(400, "InvalidGrantException", "Invalid refresh token")
            ext["issued"] += 1
            n = ext["issued"]
            token = f"refreshed-access-token-{n}"
            roles = [g for t, g in ext["tokens"].items() if g.get("client_id") == params["clientId"]]
            ext["tokens"][token] = dict(roles[0]) if roles else {"account_id": "", "role_name": ""}
            client["refresh_token"] = f"rotated-refresh-token-{n}"
            return {"accessToken": token, "tokenType": "Bearer", "expiresIn": 28800,
                    "refreshToken": client["refresh_token"]}
    raise Reply(400, "InvalidRequestException", f"{operation} is not served by the stand-in")


def control(handler, method, path, data):
    ext = handler.state.ext["sso"]
    if method == "PUT" and path == "sso/tokens":
        with handler.state.lock:
            ext["tokens"].update({token: dict(grant) for token, grant in data.items()})
        return {}
    if method == "PUT" and path == "sso/clients":
        with handler.state.lock:
            ext["clients"].update({client: dict(reg) for client, reg in data.items()})
        return {}
    return None
