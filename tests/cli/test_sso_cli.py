"""IAM Identity Center profiles end to end: `nova whoami --profile P` reads the token `aws sso
login` cached, refreshes it through SSO OIDC when it is close to expiry, writes it back, and
buys the role's credentials from the access portal, all against the AWS stand-in
(standin_sso.py: requests and answers checked against botocore's models; moto behind it for
STS). The token file nova writes back is then read by botocore's own SSO provider, which
signs in with it: the AWS CLI and nova share one sign-in.
Run by ctest as: python3 test_sso_cli.py NOVA FIXTURES."""
import datetime
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
STANDIN = None
CONFIG = """[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = MLEngineer
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
"""


def setUpModule():
    global STANDIN
    STANDIN = StandinServer()


def tearDownModule():
    STANDIN.stop()


def iso(delta):
    t = datetime.datetime.now(datetime.timezone.utc) + delta
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class SsoProfile(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="nova-sso-home-")
        self.cache_dir = os.path.join(self.home, ".aws", "sso", "cache")
        os.makedirs(self.cache_dir)
        with open(os.path.join(self.home, "config"), "w") as f:
            f.write(CONFIG)
        self.cache_file = os.path.join(self.cache_dir, hashlib.sha1(b"corp").hexdigest() + ".json")

    def tearDown(self):
        shutil.rmtree(self.home)
        self.assertEqual(STANDIN.failures(), [])

    def env(self, **extra):
        env = isolated_aws_env(STANDIN.endpoint, HOME=self.home, AWS_CONFIG_FILE=os.path.join(self.home, "config"),
                               **extra)
        for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            del env[key]  # the profile must be what signs
        return env

    def cache(self, token):
        with open(self.cache_file, "w") as f:
            json.dump(token, f)

    def calls(self, operation):
        return [c["params"] for c in STANDIN.calls() if c["operation"] == operation]

    def test_whoami_signs_in_with_the_cached_token(self):
        STANDIN._control("PUT", "sso/tokens", {"cli-access-token": {"account_id": "111122223333",
                                                                    "role_name": "MLEngineer"}})
        self.cache({"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
                    "accessToken": "cli-access-token", "expiresAt": iso(datetime.timedelta(hours=2))})
        r = subprocess.run([NOVA, "whoami", "--json", "--profile", "dev"], capture_output=True, text=True,
                           env=self.env(NOVA_LOG="debug"))
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["credential_source"], "sso")
        self.assertEqual(out["profile"], "dev")
        asked = self.calls("GetRoleCredentials")[-1]
        self.assertEqual((asked["accountId"], asked["roleName"], asked["accessToken"]),
                         ("111122223333", "MLEngineer", "cli-access-token"))
        self.assertNotIn("cli-access-token", r.stderr)  # the bearer token is redacted in the debug log
        self.assertIn("x-amz-sso_bearer_token", r.stderr)

    def test_a_token_near_expiry_is_refreshed_and_botocore_signs_in_with_what_nova_wrote(self):
        STANDIN._control("PUT", "sso/clients", {"client-cli": {"secret": "client-cli-secret",
                                                               "refresh_token": "refresh-cli-1"}})
        STANDIN._control("PUT", "sso/tokens", {"expiring-token": {"account_id": "111122223333",
                                                                  "role_name": "MLEngineer",
                                                                  "client_id": "client-cli"}})
        self.cache({"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
                    "accessToken": "expiring-token", "expiresAt": iso(datetime.timedelta(minutes=5)),
                    "clientId": "client-cli", "clientSecret": "client-cli-secret",
                    "registrationExpiresAt": iso(datetime.timedelta(days=30)), "refreshToken": "refresh-cli-1"})
        r = subprocess.run([NOVA, "whoami", "--json", "--profile", "dev"], capture_output=True, text=True,
                           env=self.env())
        self.assertEqual(r.returncode, 0, r.stderr)
        refresh = self.calls("CreateToken")[-1]
        self.assertEqual((refresh["grantType"], refresh["clientId"], refresh["refreshToken"]),
                         ("refresh_token", "client-cli", "refresh-cli-1"))
        with open(self.cache_file) as f:
            written = json.load(f)
        self.assertTrue(written["accessToken"].startswith("refreshed-access-token-"))
        self.assertTrue(written["refreshToken"].startswith("rotated-refresh-token-"))
        self.assertEqual(stat.S_IMODE(os.stat(self.cache_file).st_mode), 0o600)
        self.assertEqual(self.calls("GetRoleCredentials")[-1]["accessToken"], written["accessToken"])

        # botocore reads the file nova wrote and signs in with its token, as the AWS CLI would
        # (in a child: botocore fixes its cache directory from HOME when it is imported).
        script = ("import botocore.session\n"
                  "c = botocore.session.Session(profile='dev').get_credentials().get_frozen_credentials()\n"
                  "print(c.access_key)\n")
        r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=self.env())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.strip().startswith("ASIASSOSTANDIN"), r.stdout)
        self.assertEqual(self.calls("GetRoleCredentials")[-1]["accessToken"], written["accessToken"])

    def test_an_expired_sign_in_says_to_run_aws_sso_login(self):
        self.cache({"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
                    "accessToken": "stale-token", "expiresAt": iso(datetime.timedelta(minutes=-1))})
        r = subprocess.run([NOVA, "whoami", "--profile", "dev"], capture_output=True, text=True, env=self.env())
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("expired at", r.stderr)
        self.assertIn("aws sso login --profile dev", r.stderr)

    def test_a_token_the_portal_refuses_says_to_run_aws_sso_login(self):
        self.cache({"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
                    "accessToken": "revoked-token", "expiresAt": iso(datetime.timedelta(hours=2))})
        r = subprocess.run([NOVA, "whoami", "--profile", "dev"], capture_output=True, text=True, env=self.env())
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("did not accept the cached token", r.stderr)
        self.assertIn("aws sso login --profile dev", r.stderr)


if __name__ == "__main__":
    unittest.main()
