//! The sending layer's one error type: why a request could not be built or delivered.

use serde::{Deserialize, Serialize};

/// Why a request could not be built or could not get a response.
///
/// A response with a non-2xx status is *not* an error: it is an
/// [`HttpResponse`](super::HttpResponse) whose [`is_success`](super::HttpResponse::is_success)
/// is `false`. Messages put the URL last.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The URL cannot be sent to (unparsable, not http(s), no host).
    #[error("invalid URL ({reason}): {url}")]
    InvalidUrl {
        /// What is wrong with it.
        reason: String,
        /// The URL as given.
        url: String,
    },
    /// The host name did not resolve.
    #[error("could not resolve the host name ({detail}): {url}")]
    Dns {
        /// The resolver's words.
        detail: String,
        /// The URL.
        url: String,
    },
    /// Nothing listens at the address, or the connection was reset before a response.
    #[error("connection refused ({detail}): {url}")]
    Refused {
        /// The system's words.
        detail: String,
        /// The URL.
        url: String,
    },
    /// The TLS handshake failed (bad certificate, wrong name, no common protocol).
    #[error("TLS handshake failed ({detail}): {url}")]
    Tls {
        /// The TLS library's words.
        detail: String,
        /// The URL.
        url: String,
    },
    /// No complete response within the configured time.
    #[error("no response within {timeout_ms} ms: {url}")]
    Timeout {
        /// The configured timeout.
        timeout_ms: u64,
        /// The URL.
        url: String,
    },
    /// The server redirected more often than allowed.
    #[error("more than {max} redirects: {url}")]
    TooManyRedirects {
        /// The most redirects followed.
        max: usize,
        /// The URL first requested.
        url: String,
    },
    /// The request body is larger than the sender accepts.
    #[error("the request body is {size} bytes, more than the {max} bytes allowed: {url}")]
    BodyTooLarge {
        /// The body's size in bytes.
        size: usize,
        /// The largest body allowed.
        max: usize,
        /// The URL.
        url: String,
    },
    /// A credential the card needs is empty or missing.
    #[error("{card} needs its {label} ({field})")]
    MissingCredential {
        /// The card's display name, e.g. `Segment`.
        card: String,
        /// The field's label, e.g. `Write Key`.
        label: String,
        /// The credential name, e.g. `write_key`.
        field: String,
    },
    /// A credential is present but unusable (e.g. a signing secret that is not base64).
    #[error("{card}: the {label} ({field}) is not valid: {reason}")]
    InvalidCredential {
        /// The card's display name.
        card: String,
        /// The field's label.
        label: String,
        /// The credential name.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A header name or value that HTTP cannot carry.
    #[error("invalid header {name:?}: {reason}")]
    InvalidHeader {
        /// The header's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Anything else the HTTP stack reported (the URL may be empty when there is none).
    #[error("{detail}{}{url}", if url.is_empty() { "" } else { ": " })]
    Other {
        /// The HTTP stack's words.
        detail: String,
        /// The URL.
        url: String,
    },
}

impl SendError {
    /// A stable snake_case name for the kind, as the CLI's `--json` and history use it.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InvalidUrl { .. } => "invalid_url",
            Self::Dns { .. } => "dns",
            Self::Refused { .. } => "refused",
            Self::Tls { .. } => "tls",
            Self::Timeout { .. } => "timeout",
            Self::TooManyRedirects { .. } => "too_many_redirects",
            Self::BodyTooLarge { .. } => "body_too_large",
            Self::MissingCredential { .. } => "missing_credential",
            Self::InvalidCredential { .. } => "invalid_credential",
            Self::InvalidHeader { .. } => "invalid_header",
            Self::Other { .. } => "other",
        }
    }

    /// The kind and message in the serialisable form history and `--json` keep.
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            kind: self.kind().to_owned(),
            message: self.to_string(),
        }
    }
}

/// A [`SendError`] as data: what history files and `--json` output carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// [`SendError::kind`].
    pub kind: String,
    /// The error's message.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_put_the_url_last() {
        let url = "https://api.segment.io/v1/track".to_owned();
        let errors = [
            SendError::Dns {
                detail: "no such host".to_owned(),
                url: url.clone(),
            },
            SendError::Timeout {
                timeout_ms: 15_000,
                url: url.clone(),
            },
            SendError::TooManyRedirects {
                max: 5,
                url: url.clone(),
            },
            SendError::Other {
                detail: "boom".to_owned(),
                url: url.clone(),
            },
        ];
        for err in errors {
            assert!(err.to_string().ends_with(&url), "{err}");
        }
        let bare = SendError::Other {
            detail: "nothing to send".to_owned(),
            url: String::new(),
        };
        assert_eq!(bare.to_string(), "nothing to send");
        assert_eq!(bare.report().kind, "other");
    }
}
