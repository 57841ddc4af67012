# Signs an npskit token (v1.<payload>.<sig>) on a Python server. The secret (sk_…) stays on
# the server. Prints the same token as @npskit/core's signToken for the same claims.
# Run: python3 sign-token.py
import base64, hashlib, hmac, json, time

def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")

def npskit_token(claims: dict, site_key: str, secret: str) -> str:
    # Same key order as @npskit/core's signToken (any order verifies; this one gives the same token).
    order = ["customerId", "orderId", "orderValue", "currency", "unit", "employee"]
    ordered = {k: claims[k] for k in order if k in claims}
    ordered["exp"] = claims["exp"]
    payload = b64url(json.dumps(ordered, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    mac = hmac.new(secret.encode("utf-8"), f"v1.{site_key}.{payload}".encode("utf-8"), hashlib.sha256)
    return f"v1.{payload}.{b64url(mac.digest())}"

print(npskit_token(
    {"customerId": "cust-42", "orderId": "A-1001", "orderValue": 349, "currency": "SEK",
     "unit": "stockholm", "employee": "emp-17", "exp": 1767225600},
    "pk_demo_shop_0001", "sk_demo_shop_secret_0001"))
