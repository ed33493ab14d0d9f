//! Standard Webhooks signing and verification (what Dodo puts in `webhook-signature`).
//!
//! Signed content is `{webhook-id}.{webhook-timestamp}.{raw body}`, the MAC is HMAC-SHA256
//! keyed with the base64-decoded secret (without its `whsec_` prefix), and the header value
//! is a space-separated list of `v1,<base64>` entries. Verification follows the reference
//! libraries: a 5-minute tolerance on the timestamp, `v1a,` (ed25519) entries skipped, and
//! the same error messages.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac as _};
use sha2::Sha256;

/// The prefix of Standard Webhooks secrets.
pub const SECRET_PREFIX: &str = "whsec_";

/// How far the timestamp may be from now, in seconds (the reference libraries' value).
pub const TOLERANCE_SECS: i64 = 5 * 60;

/// The header carrying the message id.
pub const HEADER_ID: &str = "webhook-id";
/// The header carrying the attempt's Unix time in seconds.
pub const HEADER_TIMESTAMP: &str = "webhook-timestamp";
/// The header carrying the signatures.
pub const HEADER_SIGNATURE: &str = "webhook-signature";

/// Why a secret cannot sign.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// Nothing left after the prefix.
    #[error("the secret is empty")]
    Empty,
    /// The part after `whsec_` is not standard base64.
    #[error("the secret is not base64 after the whsec_ prefix ({0})")]
    NotBase64(String),
}

/// Why a message does not verify, in the reference libraries' words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent.
    #[error("Missing required headers")]
    MissingHeaders,
    /// The timestamp is not an integer.
    #[error("Invalid Signature Headers")]
    InvalidHeaders,
    /// No `v1` entry matches the expected signature.
    #[error("No matching signature found")]
    NoMatch,
    /// The timestamp is more than [`TOLERANCE_SECS`] in the past.
    #[error("Message timestamp too old")]
    TooOld,
    /// The timestamp is more than [`TOLERANCE_SECS`] in the future.
    #[error("Message timestamp too new")]
    TooNew,
    /// The verifier's own secret is unusable.
    #[error("Invalid secret: {0}")]
    Secret(#[from] SignError),
}

/// The HMAC key of a secret: base64-decoded, after stripping `whsec_` if present.
pub fn secret_key(secret: &str) -> Result<Vec<u8>, SignError> {
    let trimmed = secret.trim();
    let encoded = trimmed.strip_prefix(SECRET_PREFIX).unwrap_or(trimmed);
    if encoded.is_empty() {
        return Err(SignError::Empty);
    }
    BASE64
        .decode(encoded)
        .map_err(|err| SignError::NotBase64(err.to_string()))
}

/// The raw HMAC-SHA256 of `id.timestamp.body`.
fn mac(key: &[u8], id: &str, timestamp: &str, body: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// The `webhook-signature` value (`v1,<base64>`) for one message.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, SignError> {
    let key = secret_key(secret)?;
    let mac = mac(&key, id, &timestamp.to_string(), body);
    Ok(format!("v1,{}", BASE64.encode(mac)))
}

/// A fresh secret in the `whsec_` form (24 random bytes, like the dashboard's).
pub fn generate_secret() -> String {
    let bytes: [u8; 24] = rand::random();
    format!("{SECRET_PREFIX}{}", BASE64.encode(bytes))
}

/// A fresh message id in the Svix style (`msg_` + 27 random alphanumerics).
pub fn generate_message_id() -> String {
    use rand::Rng as _;
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut rng = rand::rng();
    let tail: String = (0..27)
        .map(|_| {
            let index = rng.random_range(0..ALPHABET.len());
            char::from(ALPHABET.get(index).copied().unwrap_or(b'0'))
        })
        .collect();
    format!("msg_{tail}")
}

/// Equality that takes the same time whatever the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Verifies a message from its headers (names compared case-insensitively).
pub fn verify(
    headers: &[(String, String)],
    body: &[u8],
    secret: &str,
    now_unix: i64,
) -> Result<(), VerifyError> {
    let find = |name: &str| {
        headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    };
    match (
        find(HEADER_ID),
        find(HEADER_TIMESTAMP),
        find(HEADER_SIGNATURE),
    ) {
        (Some(id), Some(timestamp), Some(signature)) => {
            verify_parts(id, timestamp, signature, body, secret, now_unix)
        }
        _ => Err(VerifyError::MissingHeaders),
    }
}

/// Verifies a message from the three header values.
pub fn verify_parts(
    id: &str,
    timestamp: &str,
    signature_header: &str,
    body: &[u8],
    secret: &str,
    now_unix: i64,
) -> Result<(), VerifyError> {
    let key = secret_key(secret)?;
    let seconds: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| VerifyError::InvalidHeaders)?;
    if now_unix.saturating_sub(seconds) > TOLERANCE_SECS {
        return Err(VerifyError::TooOld);
    }
    if seconds > now_unix.saturating_add(TOLERANCE_SECS) {
        return Err(VerifyError::TooNew);
    }
    let expected = BASE64.encode(mac(&key, id, timestamp.trim(), body));
    let matched = signature_header
        .split(' ')
        .filter_map(|entry| entry.split_once(','))
        .filter(|(version, _)| *version == "v1")
        .any(|(_, value)| constant_time_eq(value.as_bytes(), expected.as_bytes()));
    if matched {
        Ok(())
    } else {
        Err(VerifyError::NoMatch)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1_614_265_330;
    const BODY: &str = r#"{"test": 2432232314}"#;
    const EXPECTED: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    #[test]
    fn official_vector() {
        assert_eq!(
            sign(SECRET, ID, TIMESTAMP, BODY.as_bytes()).unwrap(),
            EXPECTED
        );
        // The prefix is optional.
        assert_eq!(
            sign(
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                ID,
                TIMESTAMP,
                BODY.as_bytes()
            )
            .unwrap(),
            EXPECTED
        );
    }

    fn parts(signature: &str, now: i64) -> Result<(), VerifyError> {
        verify_parts(
            ID,
            &TIMESTAMP.to_string(),
            signature,
            BODY.as_bytes(),
            SECRET,
            now,
        )
    }

    #[test]
    fn verify_accepts_vector_within_tolerance() {
        assert_eq!(parts(EXPECTED, TIMESTAMP), Ok(()));
        assert_eq!(parts(EXPECTED, TIMESTAMP + TOLERANCE_SECS), Ok(()));
        assert_eq!(parts(EXPECTED, TIMESTAMP - TOLERANCE_SECS), Ok(()));
        assert_eq!(
            parts(EXPECTED, TIMESTAMP + TOLERANCE_SECS + 1),
            Err(VerifyError::TooOld)
        );
        assert_eq!(
            parts(EXPECTED, TIMESTAMP - TOLERANCE_SECS - 1),
            Err(VerifyError::TooNew)
        );
    }

    #[test]
    fn verify_multiple_and_v1a() {
        let header = format!("v1a,AAAA v1,bm90IGl0 {EXPECTED}");
        assert_eq!(parts(&header, TIMESTAMP), Ok(()));
        assert_eq!(
            parts(
                "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                TIMESTAMP
            ),
            Err(VerifyError::NoMatch)
        );
        assert_eq!(
            parts("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=", TIMESTAMP),
            Err(VerifyError::NoMatch)
        );
        assert_eq!(parts("garbage", TIMESTAMP), Err(VerifyError::NoMatch));
    }

    #[test]
    fn verify_body_must_be_exact_bytes() {
        let other = r#"{"test":2432232314}"#;
        let result = verify_parts(
            ID,
            "1614265330",
            EXPECTED,
            other.as_bytes(),
            SECRET,
            TIMESTAMP,
        );
        assert_eq!(result, Err(VerifyError::NoMatch));
    }

    #[test]
    fn verify_headers_and_messages() {
        let headers = vec![
            ("Webhook-Id".to_owned(), ID.to_owned()),
            ("webhook-timestamp".to_owned(), TIMESTAMP.to_string()),
            ("WEBHOOK-SIGNATURE".to_owned(), EXPECTED.to_owned()),
        ];
        assert_eq!(verify(&headers, BODY.as_bytes(), SECRET, TIMESTAMP), Ok(()));
        let missing = &headers[..2];
        let err = verify(missing, BODY.as_bytes(), SECRET, TIMESTAMP).unwrap_err();
        assert_eq!(err.to_string(), "Missing required headers");
        let bad =
            verify_parts(ID, "soon", EXPECTED, BODY.as_bytes(), SECRET, TIMESTAMP).unwrap_err();
        assert_eq!(bad.to_string(), "Invalid Signature Headers");
        assert_eq!(VerifyError::TooOld.to_string(), "Message timestamp too old");
        assert_eq!(VerifyError::TooNew.to_string(), "Message timestamp too new");
        assert_eq!(
            VerifyError::NoMatch.to_string(),
            "No matching signature found"
        );
    }

    #[test]
    fn bad_secrets() {
        assert_eq!(sign("whsec_", ID, 1, b""), Err(SignError::Empty));
        assert!(matches!(
            sign("whsec_not base64!", ID, 1, b""),
            Err(SignError::NotBase64(_))
        ));
    }

    #[test]
    fn generated_values_roundtrip() {
        let secret = generate_secret();
        assert!(secret.starts_with("whsec_"));
        assert_eq!(secret_key(&secret).unwrap().len(), 24);
        let id = generate_message_id();
        assert!(id.starts_with("msg_") && id.len() == 31, "{id}");
        assert_ne!(id, generate_message_id());
        let signature = sign(&secret, &id, 100, b"{}").unwrap();
        assert_eq!(
            verify_parts(&id, "100", &signature, b"{}", &secret, 100),
            Ok(())
        );
    }
}
