//! Delivery: one blocking HTTP exchange with Dodo's limits, timed and capped.

use std::io::Read as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::build::validate_url;
use super::error::SendError;
use super::request::HttpRequest;

/// Dodo's delivery timeout (connect + read).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// Redirects followed before giving up.
pub const DEFAULT_MAX_REDIRECTS: usize = 5;
/// Response body bytes kept; the rest is counted and dropped.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 1024 * 1024;
/// The largest request body sent.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 1024 * 1024;
/// Response bytes read (and counted) past the kept part before counting stops.
const MAX_DRAIN_BYTES: u64 = 64 * 1024 * 1024;

/// Limits of one delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliverOptions {
    /// Deadline of the whole exchange, body included.
    pub timeout: Duration,
    /// Redirects followed at most.
    pub max_redirects: usize,
    /// Response body bytes kept.
    pub max_response_bytes: usize,
    /// Request body bytes allowed.
    pub max_request_bytes: usize,
}

impl Default for DeliverOptions {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
        }
    }
}

/// One redirect followed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedirectHop {
    /// The redirect's status (301, 302, 303, 307, 308).
    pub status: u16,
    /// The URL that answered with the redirect.
    pub from: String,
    /// Where it pointed.
    pub to: String,
}

/// What the server answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The status's reason phrase (canonical, e.g. `Not Found`).
    pub reason: String,
    /// Headers in the order received.
    pub headers: Vec<(String, String)>,
    /// The kept part of the body, decoded as UTF-8 (invalid bytes replaced).
    pub body: String,
    /// The body's real size in bytes (counted up to 64 MiB past the kept part).
    pub body_bytes: u64,
    /// Whether `body` holds only the first part.
    pub truncated: bool,
    /// Time from sending to the end of the body, in milliseconds.
    pub elapsed_ms: u64,
    /// Time from sending to the response headers, in milliseconds.
    pub headers_ms: u64,
    /// Redirects followed, in order.
    pub redirects: Vec<RedirectHop>,
    /// The URL that gave this response (differs from the request's after redirects).
    pub final_url: String,
}

impl HttpResponse {
    /// Whether the status is 2xx, which Dodo counts as delivered.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Whether the URL's host is this machine (proxies are never used for it).
fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Sends `req` and reads the response. A non-2xx status is a response, not an error.
pub fn deliver(req: &HttpRequest, opts: &DeliverOptions) -> Result<HttpResponse, SendError> {
    let url = validate_url(&req.url)?;
    if req.body.len() > opts.max_request_bytes {
        return Err(SendError::BodyTooLarge {
            size: req.body.len(),
            max: opts.max_request_bytes,
            url: req.url.clone(),
        });
    }
    let method =
        reqwest::Method::from_bytes(req.method.as_bytes()).map_err(|_| SendError::Other {
            detail: format!("{:?} is not an HTTP method", req.method),
            url: req.url.clone(),
        })?;
    let hops: Arc<Mutex<Vec<RedirectHop>>> = Arc::default();
    let policy = {
        let hops = Arc::clone(&hops);
        let max = opts.max_redirects;
        reqwest::redirect::Policy::custom(move |attempt| {
            let from = attempt
                .previous()
                .last()
                .map(ToString::to_string)
                .unwrap_or_default();
            if let Ok(mut hops) = hops.lock() {
                hops.push(RedirectHop {
                    status: attempt.status().as_u16(),
                    from,
                    to: attempt.url().to_string(),
                });
            }
            if attempt.previous().len() > max {
                attempt.error(format!("more than {max} redirects"))
            } else {
                attempt.follow()
            }
        })
    };
    let mut builder = reqwest::blocking::Client::builder()
        .timeout(opts.timeout)
        .connect_timeout(opts.timeout)
        .redirect(policy);
    if is_loopback(&url) {
        builder = builder.no_proxy();
    }
    let client = builder.build().map_err(|err| SendError::Other {
        detail: format!("could not start the HTTP client ({err})"),
        url: req.url.clone(),
    })?;
    let mut request = client.request(method, url).body(req.body.clone());
    for (name, value) in &req.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let started = Instant::now();
    let response = request
        .send()
        .map_err(|err| classify(&err, &req.url, opts))?;
    let headers_ms = millis(started.elapsed());
    let status = response.status();
    let final_url = response.url().to_string();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let (kept, body_bytes) = read_capped(response, opts, started, &req.url)?;
    let elapsed_ms = millis(started.elapsed());
    let redirects = hops.lock().map(|hops| hops.clone()).unwrap_or_default();
    Ok(HttpResponse {
        status: status.as_u16(),
        reason: status.canonical_reason().unwrap_or_default().to_owned(),
        headers,
        truncated: body_bytes > kept.len() as u64,
        body: String::from_utf8_lossy(&kept).into_owned(),
        body_bytes,
        elapsed_ms,
        headers_ms,
        redirects,
        final_url,
    })
}

/// Reads the body keeping `max_response_bytes` and counting the rest, within the deadline.
fn read_capped(
    mut response: reqwest::blocking::Response,
    opts: &DeliverOptions,
    started: Instant,
    url: &str,
) -> Result<(Vec<u8>, u64), SendError> {
    let mut kept = Vec::new();
    let mut total: u64 = 0;
    let mut chunk = vec![0u8; 64 * 1024];
    let drain_limit = opts.max_response_bytes as u64 + MAX_DRAIN_BYTES;
    loop {
        if started.elapsed() > opts.timeout {
            return Err(timeout(opts, url));
        }
        let read = match response.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) if err.kind() == std::io::ErrorKind::TimedOut => {
                return Err(timeout(opts, url));
            }
            Err(err) => {
                if looks_like_timeout(&err) {
                    return Err(timeout(opts, url));
                }
                return Err(SendError::Other {
                    detail: format!("the response body could not be read ({err})"),
                    url: url.to_owned(),
                });
            }
        };
        let room = opts.max_response_bytes.saturating_sub(kept.len());
        if let Some(part) = chunk.get(..read.min(room)) {
            kept.extend_from_slice(part);
        }
        total += read as u64;
        if total >= drain_limit {
            break;
        }
    }
    Ok((kept, total))
}

fn looks_like_timeout(err: &dyn std::error::Error) -> bool {
    chain_text(err).contains("timed out")
}

fn timeout(opts: &DeliverOptions, url: &str) -> SendError {
    SendError::Timeout {
        timeout_ms: millis(opts.timeout),
        url: url.to_owned(),
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Every message in an error's source chain, lower-cased, joined.
fn chain_text(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(inner) = source {
        parts.push(inner.to_string());
        source = inner.source();
    }
    parts.join(": ").to_lowercase()
}

/// The innermost message of an error's source chain.
fn root_message(err: &dyn std::error::Error) -> String {
    let mut current = err;
    while let Some(inner) = current.source() {
        current = inner;
    }
    current.to_string()
}

/// The `io::ErrorKind` somewhere in the chain, if any.
fn io_kind(err: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(current) = source {
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = current.source();
    }
    None
}

/// Sorts a reqwest error into plain-worded kinds.
fn classify(err: &reqwest::Error, url: &str, opts: &DeliverOptions) -> SendError {
    let text = chain_text(err);
    let detail = root_message(err);
    let url = url.to_owned();
    if err.is_timeout() || io_kind(err) == Some(std::io::ErrorKind::TimedOut) {
        return SendError::Timeout {
            timeout_ms: millis(opts.timeout),
            url,
        };
    }
    if err.is_redirect() {
        return SendError::TooManyRedirects {
            max: opts.max_redirects,
            url,
        };
    }
    if err.is_dns() || text.contains("dns error") || text.contains("failed to lookup") {
        return SendError::Dns { detail, url };
    }
    if io_kind(err) == Some(std::io::ErrorKind::ConnectionRefused) || text.contains("refused") {
        return SendError::Refused { detail, url };
    }
    if text.contains("certificate")
        || text.contains("tls")
        || text.contains("handshake")
        || text.contains("invalidcontenttype")
        || text.contains("corrupt message")
    {
        return SendError::Tls { detail, url };
    }
    if err.is_builder() {
        return SendError::InvalidUrl {
            reason: detail,
            url,
        };
    }
    if err.is_connect() {
        return SendError::Refused { detail, url };
    }
    SendError::Other { detail, url }
}
