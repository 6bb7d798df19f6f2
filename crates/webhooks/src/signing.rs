//! Both signatures a delivery carries, over the exact body bytes, with one secret: the raw
//! 32-byte SHA-256 of the API key that submitted the job (all Recut stores of the key).
//!
//! - Apiframe: `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, body)>`, which the
//!   official SDK verifies.
//! - Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(secret, "id.ts.body")>`
//!   with `webhook-id` and `webhook-timestamp`, so receivers can reject replays and dedupe.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

pub fn apiframe_signature(secret: &[u8; 32], body: &[u8]) -> String {
    format!("sha256={}", hex::encode(mac(secret, &[body])))
}

pub fn standard_signature(secret: &[u8; 32], id: &str, timestamp: i64, body: &[u8]) -> String {
    let ts = timestamp.to_string();
    format!(
        "v1,{}",
        STANDARD.encode(mac(
            secret,
            &[id.as_bytes(), b".", ts.as_bytes(), b".", body]
        ))
    )
}

/// The headers of one attempt, in sending order.
pub fn headers(
    secret: &[u8; 32],
    delivery_id: &str,
    event: &str,
    timestamp: i64,
    body: &[u8],
) -> Vec<(String, String)> {
    vec![
        ("content-type".into(), "application/json".into()),
        ("x-webhook-event".into(), event.into()),
        (
            "x-webhook-signature".into(),
            apiframe_signature(secret, body),
        ),
        ("webhook-id".into(), delivery_id.into()),
        ("webhook-timestamp".into(), timestamp.to_string()),
        (
            "webhook-signature".into(),
            standard_signature(secret, delivery_id, timestamp, body),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers_computed_independently_with_python_hmac() {
        let secret = [0x0bu8; 32];
        assert_eq!(
            apiframe_signature(&secret, b"Hi There"),
            "sha256=198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"
        );
        assert_eq!(
            standard_signature(&secret, "msg_1", 1_700_000_000, b"{}"),
            "v1,suje0OdZ1jisEDS4Z26Tij5IlAnzvsbv6JgMGBZNc7A="
        );
    }
}
