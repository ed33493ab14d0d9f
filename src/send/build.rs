//! Request building: the transform's output plus defaults, card auth and custom headers.
//!
//! Header precedence, lowest first (names compared case-insensitively): the defaults
//! (`Content-Type: application/json`, `User-Agent: hookcraft/<version>`), then the card's
//! auth headers, then the endpoint's custom headers, then the headers the transform set.

use std::collections::BTreeMap;

use crate::catalogue::Card;
use crate::engine::Output;

use super::auth::{CardAuth, SigningParams};
use super::error::SendError;
use super::request::{HttpRequest, REDACTED};
use super::signing;

/// The `User-Agent` every request carries unless overridden.
pub const USER_AGENT: &str = concat!("hookcraft/", env!("CARGO_PKG_VERSION"));

/// Choices that make a build repeatable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Fixed `webhook-id`/`webhook-timestamp` for the webhook card (fresh ones otherwise).
    pub signing: SigningParams,
}

/// Checks that `url` is an absolute http(s) URL with a host.
pub fn validate_url(url: &str) -> Result<reqwest::Url, SendError> {
    let invalid = |reason: &str| SendError::InvalidUrl {
        reason: reason.to_owned(),
        url: url.to_owned(),
    };
    let parsed = reqwest::Url::parse(url.trim()).map_err(|err| invalid(&err.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid(&format!(
            "the scheme must be http or https, not {}",
            parsed.scheme()
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid("there is no host"));
    }
    Ok(parsed)
}

/// Checks that HTTP can carry this header.
fn validate_header(name: &str, value: &str) -> Result<(), SendError> {
    let invalid = |reason: String| SendError::InvalidHeader {
        name: name.to_owned(),
        reason,
    };
    reqwest::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| invalid("the name must be a token (letters, digits, - and _)".to_owned()))?;
    reqwest::header::HeaderValue::from_str(value)
        .map_err(|_| invalid("the value holds a line break or a control character".to_owned()))?;
    Ok(())
}

/// Builds the request a transform's output turns into, with `card`'s auth (none for a
/// plain endpoint). See [`build_request_with`].
pub fn build_request(
    output: &Output,
    card: Option<&Card>,
    credentials: &BTreeMap<String, String>,
    endpoint_headers: &[(String, String)],
    opts: &BuildOptions,
) -> Result<HttpRequest, SendError> {
    let auth = card.map(CardAuth::from_card);
    build_request_with(output, auth.as_ref(), credentials, endpoint_headers, opts)
}

/// Builds the request a transform's output turns into.
///
/// `auth` is the card's auth (none for a plain endpoint); `credentials` are the card's
/// credential values by name; `endpoint_headers` are the endpoint's custom headers. Every
/// credential value is recorded in the request so [`HttpRequest::redacted`] can hide it.
pub fn build_request_with(
    output: &Output,
    auth: Option<&CardAuth<'_>>,
    credentials: &BTreeMap<String, String>,
    endpoint_headers: &[(String, String)],
    opts: &BuildOptions,
) -> Result<HttpRequest, SendError> {
    validate_url(&output.url)?;
    let mut request = HttpRequest::new(
        output.method.to_ascii_uppercase(),
        output.url.trim(),
        Vec::new(),
        output.body(),
    );
    request.set_header("Content-Type", "application/json");
    request.set_header("User-Agent", USER_AGENT);
    if let Some(auth) = auth {
        auth.apply(credentials, &opts.signing, &mut request)?;
    }
    let transform_headers = output.headers.iter();
    let endpoint = endpoint_headers.iter().map(|(name, value)| (name, value));
    for (name, value) in endpoint.chain(transform_headers) {
        validate_header(name, value)?;
        request.set_header(name, value.clone());
    }
    for (name, value) in credentials {
        request.add_secret(name.clone(), value.trim());
    }
    Ok(request)
}

/// Turns a redacted request (from history) back into one that can be sent: the card's
/// auth is applied again with `credentials` (a webhook keeps its `webhook-id`, as a retry
/// does, and is signed with a fresh timestamp), and headers that held a known credential
/// get its value back.
pub fn refill_request(
    redacted: &HttpRequest,
    auth: Option<&CardAuth<'_>>,
    credentials: &BTreeMap<String, String>,
    opts: &BuildOptions,
) -> Result<HttpRequest, SendError> {
    let mut request = HttpRequest::new(
        redacted.method.clone(),
        redacted.url.clone(),
        redacted.headers.clone(),
        redacted.body.clone(),
    );
    if redacted.url.contains(REDACTED) {
        return Err(SendError::Other {
            detail: "the URL held a secret that was redacted; build the request again".to_owned(),
            url: redacted.url.clone(),
        });
    }
    let card_name = auth.map_or("This endpoint", |auth| auth.card_name);
    for hidden in &redacted.redacted_headers {
        let Some(field) = &hidden.credential else {
            continue;
        };
        let value = credentials
            .get(field)
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
            .ok_or_else(|| SendError::MissingCredential {
                card: card_name.to_owned(),
                label: field.clone(),
                field: field.clone(),
            })?;
        if let Some(current) = request.header(&hidden.name) {
            let filled = current.replace(REDACTED, value);
            request.set_header(&hidden.name, filled);
        }
    }
    if let Some(auth) = auth {
        let mut signing = opts.signing.clone();
        if signing.webhook_id.is_none() {
            signing.webhook_id = redacted.header(signing::HEADER_ID).map(str::to_owned);
        }
        auth.apply(credentials, &signing, &mut request)?;
    }
    if let Some((name, _)) = request
        .headers
        .iter()
        .find(|(_, value)| value.contains(REDACTED))
    {
        // An auth header the card could not rebuild: its (optional) credential is missing.
        if let Some(auth) = auth {
            let owned = auth
                .header_names()
                .iter()
                .any(|owned| owned.eq_ignore_ascii_case(name));
            let missing = auth.credential_names().into_iter().find(|field| {
                credentials
                    .get(*field)
                    .is_none_or(|value| value.trim().is_empty())
            });
            if let (true, Some(field)) = (owned, missing) {
                return Err(auth.missing(field));
            }
        }
        return Err(SendError::InvalidHeader {
            name: name.clone(),
            reason: "it held a secret that was redacted; run the transform again to rebuild it"
                .to_owned(),
        });
    }
    for (name, value) in credentials {
        request.add_secret(name.clone(), value.trim());
    }
    Ok(request)
}
