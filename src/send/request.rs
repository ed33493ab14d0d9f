//! The HTTP request a send makes, and its redacted form for screens, files and cURL.

use serde::{Deserialize, Serialize};

/// What replaces a secret in a redacted request.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are only redacted where they are a whole header value, so a
/// one-letter credential does not blank out unrelated text.
const MIN_SUBSTRING_SECRET: usize = 4;

/// One credential value that went into a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretValue {
    /// The credential's name, e.g. `write_key`.
    pub credential: String,
    /// The value.
    pub value: String,
}

/// A header hidden by [`HttpRequest::redacted`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedactedHeader {
    /// The header's name.
    pub name: String,
    /// The credential whose value was in it, when known (auth headers built from a card
    /// are rebuilt from the card instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

/// A request ready to go: method, URL, headers in sending order, and the exact body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// `POST`, `PUT` or `PATCH`.
    pub method: String,
    /// The URL.
    pub url: String,
    /// Headers in the order they are sent; names are unique case-insensitively.
    pub headers: Vec<(String, String)>,
    /// The body, byte for byte.
    pub body: String,
    /// Headers whose values were replaced by [`REDACTED`] (empty unless redacted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redacted_headers: Vec<RedactedHeader>,
    /// The credential values used, so they can be redacted. Never serialised.
    #[serde(skip)]
    secrets: Vec<SecretValue>,
}

impl HttpRequest {
    /// A request with no secrets recorded.
    pub fn new(
        method: impl Into<String>,
        url: impl Into<String>,
        headers: Vec<(String, String)>,
        body: impl Into<String>,
    ) -> Self {
        Self {
            method: method.into(),
            url: url.into(),
            headers,
            body: body.into(),
            redacted_headers: Vec::new(),
            secrets: Vec::new(),
        }
    }

    /// Records a credential value that is somewhere in this request.
    pub fn add_secret(&mut self, credential: impl Into<String>, value: impl Into<String>) {
        let value = value.into();
        if value.is_empty() {
            return;
        }
        let credential = credential.into();
        let known = self
            .secrets
            .iter()
            .any(|secret| secret.value == value && secret.credential == credential);
        if !known {
            self.secrets.push(SecretValue { credential, value });
        }
    }

    /// The credential values this request carries (empty once redacted).
    pub fn secret_values(&self) -> impl Iterator<Item = &str> {
        self.secrets.iter().map(|secret| secret.value.as_str())
    }

    /// The credentials this request carries, with their names.
    pub fn secrets(&self) -> &[SecretValue] {
        &self.secrets
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets a header, replacing any with the same name (case-insensitive) in place, or
    /// appending it.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        set_header(&mut self.headers, name, value.into());
    }

    /// The same request sent to another URL (`--send-to`).
    #[must_use]
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = url.into();
        self
    }

    /// The request as text for people: `METHOD URL`, one `Name: value` line per header, a
    /// blank line, then the body. Redact first when showing it.
    pub fn to_text(&self) -> String {
        let mut text = format!("{} {}\n", self.method, self.url);
        for (name, value) in &self.headers {
            text.push_str(name);
            text.push_str(": ");
            text.push_str(value);
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&self.body);
        text
    }

    /// Whether this is a redacted copy.
    pub fn is_redacted(&self) -> bool {
        !self.redacted_headers.is_empty()
    }

    /// A copy safe to show or store: `Authorization` and `Proxy-Authorization` keep only
    /// their scheme (`Basic [redacted]`), `webhook-signature` becomes `[redacted]`, and any
    /// credential value in another header (or the URL) is replaced. The copy records which
    /// headers it hid and carries no secrets.
    pub fn redacted(&self) -> HttpRequest {
        let mut redacted_headers = self.redacted_headers.clone();
        let mut headers = Vec::with_capacity(self.headers.len());
        for (name, value) in &self.headers {
            let (new_value, credential) = self.redact_value(name, value);
            if new_value != *value {
                let already = redacted_headers
                    .iter()
                    .any(|hidden| hidden.name.eq_ignore_ascii_case(name));
                if !already {
                    redacted_headers.push(RedactedHeader {
                        name: name.clone(),
                        credential,
                    });
                }
            }
            headers.push((name.clone(), new_value));
        }
        HttpRequest {
            method: self.method.clone(),
            url: self.redact_text(&self.url),
            headers,
            body: self.body.clone(),
            redacted_headers,
            secrets: Vec::new(),
        }
    }

    /// One header value redacted, and the credential it held when that is known.
    fn redact_value(&self, name: &str, value: &str) -> (String, Option<String>) {
        let is_auth = name.eq_ignore_ascii_case("authorization")
            || name.eq_ignore_ascii_case("proxy-authorization");
        if is_auth {
            if value == REDACTED || value.ends_with(&format!(" {REDACTED}")) {
                return (value.to_owned(), None);
            }
            let credential = self.credential_in(value);
            return match value.trim().split_once(' ') {
                Some((scheme, _)) => (format!("{scheme} {REDACTED}"), credential),
                None => (REDACTED.to_owned(), credential),
            };
        }
        if name.eq_ignore_ascii_case(super::signing::HEADER_SIGNATURE) {
            return (REDACTED.to_owned(), None);
        }
        if let Some(secret) = self
            .secrets
            .iter()
            .find(|secret| secret.value == value.trim())
        {
            return (REDACTED.to_owned(), Some(secret.credential.clone()));
        }
        let credential = self.credential_in(value);
        (self.redact_text(value), credential)
    }

    /// The credential whose value appears in `text`.
    fn credential_in(&self, text: &str) -> Option<String> {
        self.secrets
            .iter()
            .find(|secret| {
                secret.value.len() >= MIN_SUBSTRING_SECRET && text.contains(&secret.value)
            })
            .map(|secret| secret.credential.clone())
    }

    /// `text` with every (long enough) credential value replaced.
    fn redact_text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            if secret.value.len() >= MIN_SUBSTRING_SECRET {
                out = out.replace(&secret.value, REDACTED);
            }
        }
        out
    }
}

/// Sets `name` in `headers`: replaces the first case-insensitive match in place (dropping
/// later duplicates), or appends.
pub(crate) fn set_header(headers: &mut Vec<(String, String)>, name: &str, value: String) {
    let mut slot = None;
    let mut index = 0;
    headers.retain(|(key, _)| {
        let keep = if key.eq_ignore_ascii_case(name) {
            if slot.is_none() {
                slot = Some(index);
                true
            } else {
                false
            }
        } else {
            true
        };
        index += 1;
        keep
    });
    match slot.and_then(|position| headers.get_mut(position)) {
        Some(entry) => *entry = (name.to_owned(), value),
        None => headers.push((name.to_owned(), value)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sample() -> HttpRequest {
        let mut request = HttpRequest::new(
            "POST",
            "https://example.com/hook",
            vec![
                ("Content-Type".to_owned(), "application/json".to_owned()),
                (
                    "Authorization".to_owned(),
                    "Basic d2tfc2VjcmV0Og==".to_owned(),
                ),
                ("X-Api-Key".to_owned(), "wk_secret".to_owned()),
                ("X-Mixed".to_owned(), "token wk_secret here".to_owned()),
                ("webhook-signature".to_owned(), "v1,abc=".to_owned()),
            ],
            r#"{"a":1}"#,
        );
        request.add_secret("write_key", "wk_secret");
        request
    }

    #[test]
    fn redaction_keeps_scheme_and_hides_values() {
        let redacted = sample().redacted();
        assert_eq!(redacted.header("authorization"), Some("Basic [redacted]"));
        assert_eq!(redacted.header("x-api-key"), Some("[redacted]"));
        assert_eq!(redacted.header("x-mixed"), Some("token [redacted] here"));
        assert_eq!(redacted.header("webhook-signature"), Some("[redacted]"));
        assert_eq!(redacted.header("content-type"), Some("application/json"));
        assert_eq!(redacted.secret_values().count(), 0);
        assert!(redacted.is_redacted());
        let text = serde_json::to_string(&redacted).unwrap();
        assert!(!text.contains("wk_secret"), "{text}");
        assert!(!text.contains("d2tfc2VjcmV0"), "{text}");
        let key = redacted
            .redacted_headers
            .iter()
            .find(|hidden| hidden.name == "X-Api-Key")
            .unwrap();
        assert_eq!(key.credential.as_deref(), Some("write_key"));
        // Redacting twice changes nothing.
        assert_eq!(redacted.redacted(), redacted);
    }

    #[test]
    fn set_header_is_case_insensitive_and_in_place() {
        let mut headers = vec![
            ("A".to_owned(), "1".to_owned()),
            ("content-type".to_owned(), "text/plain".to_owned()),
            ("B".to_owned(), "2".to_owned()),
            ("CONTENT-TYPE".to_owned(), "x".to_owned()),
        ];
        set_header(&mut headers, "Content-Type", "application/json".to_owned());
        assert_eq!(
            headers,
            vec![
                ("A".to_owned(), "1".to_owned()),
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("B".to_owned(), "2".to_owned()),
            ]
        );
        set_header(&mut headers, "C", "3".to_owned());
        assert_eq!(headers.last().unwrap(), &("C".to_owned(), "3".to_owned()));
    }
}
