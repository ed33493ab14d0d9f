//! cURL export: a request as a shell command, redacted unless asked otherwise.

use super::request::HttpRequest;

/// Quotes `text` for POSIX shells: single quotes, with `'` written as `'\''`.
pub fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if safe {
        return text.to_owned();
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The request as a `curl` command, one option per line. Secrets are redacted unless
/// `with_secrets` (and a request that is already redacted stays so).
pub fn to_curl(req: &HttpRequest, with_secrets: bool) -> String {
    let shown = if with_secrets {
        req.clone()
    } else {
        req.redacted()
    };
    let mut parts = vec![format!(
        "curl -X {} {}",
        shell_quote(&shown.method),
        shell_quote(&shown.url)
    )];
    for (name, value) in &shown.headers {
        parts.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
    }
    if !shown.body.is_empty() {
        parts.push(format!("--data-raw {}", shell_quote(&shown.body)));
    }
    parts.join(" \\\n  ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("abc"), "abc");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("a b;$x"), "'a b;$x'");
    }

    #[test]
    fn curl_is_redacted_by_default() {
        let mut request = HttpRequest::new(
            "POST",
            "https://api.segment.io/v1/track",
            vec![
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("Authorization".to_owned(), "Bearer sk_live_123".to_owned()),
            ],
            r#"{"name":"O'Brien"}"#,
        );
        request.add_secret("api_key", "sk_live_123");
        let text = to_curl(&request, false);
        assert_eq!(
            text,
            "curl -X POST https://api.segment.io/v1/track \\\n  \
             -H 'Content-Type: application/json' \\\n  \
             -H 'Authorization: Bearer [redacted]' \\\n  \
             --data-raw '{\"name\":\"O'\\''Brien\"}'"
        );
        assert!(to_curl(&request, true).contains("Bearer sk_live_123"));
    }
}
