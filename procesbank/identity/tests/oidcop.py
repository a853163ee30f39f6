"""A local OpenID Connect provider for the tests, playing an Entra ID tenant: its discovery
document, JWKS and token endpoint answer authlib's HTTP calls through ``responses``, and the
token endpoint returns an id_token signed with an RSA key made for the test (joserfc)."""

from __future__ import annotations

import base64
import json
import time
from typing import Any
from urllib.parse import parse_qs

import responses
from joserfc import jwt
from joserfc.jwk import RSAKey

ISSUER = "https://login.test.procesbank.dk/tenant-1/v2.0"
AUTHORIZE = "https://login.test.procesbank.dk/tenant-1/oauth2/v2.0/authorize"
TOKEN = "https://login.test.procesbank.dk/tenant-1/oauth2/v2.0/token"
JWKS = "https://login.test.procesbank.dk/tenant-1/discovery/v2.0/keys"
CLIENT_ID = "procesbank-client"
CLIENT_SECRET = "test-secret"


class LocalProvider:
    def __init__(self, mock: responses.RequestsMock) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "key-1"})
        self.mock = mock
        self.claims: dict[str, Any] = {}
        self.signing_key = self.key
        self.token_requests: list[dict[str, Any]] = []
        mock.get(
            ISSUER + "/.well-known/openid-configuration",
            json={
                "issuer": ISSUER,
                "authorization_endpoint": AUTHORIZE,
                "token_endpoint": TOKEN,
                "jwks_uri": JWKS,
                "response_types_supported": ["code"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
            },
        )
        mock.get(JWKS, json={"keys": [self.key.as_dict(private=False)]})
        mock.add_callback(responses.POST, TOKEN, callback=self._token)

    def _token(self, request: Any) -> tuple[int, dict[str, str], str]:
        form = {key: values[0] for key, values in parse_qs(request.body).items()}
        self.token_requests.append(
            {"form": form, "authorization": request.headers.get("Authorization", "")}
        )
        id_token = jwt.encode({"alg": "RS256", "kid": "key-1"}, self.claims, self.signing_key)
        body = {
            "access_token": "at-1",
            "token_type": "Bearer",
            "expires_in": 3600,
            "id_token": id_token,
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    def issue(self, *, nonce: str, **overrides: Any) -> None:
        """What the next id_token says (an Entra ID-like token with app roles)."""
        now = int(time.time())
        self.claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "entra-sub-1",
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "nonce": nonce,
            "name": "Hans Christian Andersen",
            "email": "hca@helsingor.dk",
            "roles": ["Procesbank.Konsulent"],
            **overrides,
        }

    @staticmethod
    def basic_auth() -> str:
        return "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
