<?php
// Signs an npskit token (v1.<payload>.<sig>) on a PHP server. The secret (sk_…) stays on the server.
// Same token as @npskit/core's signToken for the same claims (JSON with unescaped slashes and
// Unicode, claims in the same order); any order and escaping verifies, since the signature covers
// the payload exactly as sent.

function npskit_b64url(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

function npskit_token(array $claims, string $siteKey, string $secret): string
{
    $ordered = [];
    foreach (['customerId', 'orderId', 'orderValue', 'currency', 'unit', 'employee'] as $key) {
        if (array_key_exists($key, $claims)) {
            $ordered[$key] = $claims[$key];
        }
    }
    $ordered['exp'] = $claims['exp'];
    $payload = npskit_b64url(json_encode($ordered, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
    $sig = npskit_b64url(hash_hmac('sha256', "v1.$siteKey.$payload", $secret, true));
    return "v1.$payload.$sig";
}

echo npskit_token(
    ['customerId' => 'cust-42', 'orderId' => 'A-1001', 'orderValue' => 349, 'currency' => 'SEK',
     'unit' => 'stockholm', 'employee' => 'emp-17', 'exp' => 1767225600],
    'pk_demo_shop_0001',
    'sk_demo_shop_secret_0001'
), "\n";
