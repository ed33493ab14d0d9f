//! A local webhook receiver on 127.0.0.1: records every request exactly and answers with a
//! configurable status, delay and failure rate (like Svix Play, offline).

use std::io::Read as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Requests kept; older ones are dropped first.
pub const MAX_KEPT: usize = 1000;
/// Request body bytes kept per request.
pub const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;
/// How often the accept loop checks for a stop.
const POLL: Duration = Duration::from_millis(50);

/// How the receiver answers; can be changed while it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceiverConfig {
    /// Port to listen on (0 picks a free one).
    pub port: u16,
    /// The status of a normal answer.
    pub status: u16,
    /// Wait this long before answering.
    pub delay_ms: u64,
    /// Share of requests answered with `fail_status` (0.0 to 1.0).
    pub fail_rate: f64,
    /// The status of a simulated failure.
    pub fail_status: u16,
}

impl Default for ReceiverConfig {
    fn default() -> Self {
        Self {
            port: 0,
            status: 200,
            delay_ms: 0,
            fail_rate: 0.0,
            fail_status: 500,
        }
    }
}

impl ReceiverConfig {
    /// Checks the values a receiver can honour.
    pub fn validate(&self) -> Result<(), ReceiverError> {
        for (field, status) in [("status", self.status), ("fail_status", self.fail_status)] {
            if !(100..=599).contains(&status) {
                return Err(ReceiverError::Config(format!(
                    "{field} must be an HTTP status between 100 and 599, not {status}"
                )));
            }
        }
        if !(0.0..=1.0).contains(&self.fail_rate) {
            return Err(ReceiverError::Config(format!(
                "fail_rate must be between 0.0 and 1.0, not {}",
                self.fail_rate
            )));
        }
        Ok(())
    }
}

/// Why the receiver could not start or be configured.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReceiverError {
    /// The address could not be bound.
    #[error("could not listen ({reason}): {addr}")]
    Bind {
        /// The operating system's words.
        reason: String,
        /// The address tried.
        addr: String,
    },
    /// A setting is out of range.
    #[error("invalid receiver setting: {0}")]
    Config(String),
}

/// One request as it arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedRequest {
    /// 1 for the first request since start, counting up.
    pub seq: u64,
    /// Arrival time, RFC 3339 UTC with milliseconds.
    pub at: String,
    /// The method.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// e.g. `HTTP/1.1`.
    pub http_version: String,
    /// Every header, in order, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body bytes (up to [`MAX_BODY_BYTES`]).
    pub body_raw: Vec<u8>,
    /// The body as text (invalid UTF-8 replaced).
    pub body_text: String,
    /// Request line, headers and body as text, as they came.
    pub raw: String,
    /// The status the receiver answered with.
    pub response_status: u16,
    /// The peer's address.
    pub remote: Option<String>,
}

impl ReceivedRequest {
    /// Checks its Standard Webhooks signature against `secret`, on the bytes as received.
    pub fn verify_signature(
        &self,
        secret: &str,
        now_unix: i64,
    ) -> Result<(), super::signing::VerifyError> {
        super::signing::verify(&self.headers, &self.body_raw, secret, now_unix)
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// State shared with the serving threads.
struct Shared {
    config: Mutex<ReceiverConfig>,
    received: Mutex<Vec<ReceivedRequest>>,
    arrived: Condvar,
    next_seq: AtomicU64,
    answered: AtomicU64,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The owner of the server; stops it when the last handle goes.
struct Inner {
    /// Taken (and so closed) on stop.
    server: Mutex<Option<Arc<tiny_http::Server>>>,
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Inner {
    fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let server = lock(&self.server).take();
        if let Some(server) = &server {
            server.unblock();
        }
        let handle = lock(&self.thread).take();
        if let Some(handle) = handle {
            handle.join().ok();
        }
        // The accept thread's handle is gone too: dropping the last one closes the port.
        drop(server);
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A running receiver. Cheap to clone; every clone is the same server, safe to poll from
/// any thread. It stops on [`Receiver::stop`] or when the last clone is dropped.
#[derive(Clone)]
pub struct Receiver {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Receiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receiver")
            .field("addr", &self.inner.addr)
            .finish()
    }
}

impl Receiver {
    /// Starts listening on 127.0.0.1 on its own thread.
    pub fn start(config: ReceiverConfig) -> Result<Receiver, ReceiverError> {
        config.validate()?;
        let wanted = format!("127.0.0.1:{}", config.port);
        let server = tiny_http::Server::http(&wanted).map_err(|err| ReceiverError::Bind {
            reason: err.to_string(),
            addr: wanted.clone(),
        })?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| ReceiverError::Bind {
                reason: "not an IP listener".to_owned(),
                addr: wanted.clone(),
            })?;
        let server = Arc::new(server);
        let shared = Arc::new(Shared {
            config: Mutex::new(config),
            received: Mutex::new(Vec::new()),
            arrived: Condvar::new(),
            next_seq: AtomicU64::new(1),
            answered: AtomicU64::new(0),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("hookcraft-receiver".to_owned())
                .spawn(move || accept_loop(&server, &shared, &stop))
                .map_err(|err| ReceiverError::Bind {
                    reason: format!("could not start its thread ({err})"),
                    addr: wanted,
                })?
        };
        Ok(Receiver {
            inner: Arc::new(Inner {
                server: Mutex::new(Some(server)),
                shared,
                addr,
                stop,
                thread: Mutex::new(Some(thread)),
            }),
        })
    }

    /// `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.inner.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    /// The current settings.
    pub fn config(&self) -> ReceiverConfig {
        lock(&self.inner.shared.config).clone()
    }

    /// Changes status, delay and failure rate for the next requests (the port stays).
    pub fn set_config(&self, config: ReceiverConfig) -> Result<(), ReceiverError> {
        config.validate()?;
        let mut current = lock(&self.inner.shared.config);
        *current = ReceiverConfig {
            port: self.inner.addr.port(),
            ..config
        };
        Ok(())
    }

    /// Every kept request, oldest first.
    pub fn received(&self) -> Vec<ReceivedRequest> {
        lock(&self.inner.shared.received).clone()
    }

    /// Kept requests with `seq` greater than `seq`, oldest first.
    pub fn received_after(&self, seq: u64) -> Vec<ReceivedRequest> {
        lock(&self.inner.shared.received)
            .iter()
            .filter(|request| request.seq > seq)
            .cloned()
            .collect()
    }

    /// How many requests arrived since start (including dropped ones).
    pub fn count(&self) -> u64 {
        self.inner
            .shared
            .next_seq
            .load(Ordering::SeqCst)
            .saturating_sub(1)
    }

    /// Forgets the kept requests.
    pub fn clear(&self) {
        lock(&self.inner.shared.received).clear();
    }

    /// Waits until at least `count` requests have arrived since start; `false` on timeout.
    pub fn wait_for(&self, count: u64, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let shared = &self.inner.shared;
        let mut received = lock(&shared.received);
        loop {
            let arrived = received.last().map_or(0, |request| request.seq);
            if arrived >= count {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            received = shared
                .arrived
                .wait_timeout(received, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// How many answers have been written (or given up on because the client left).
    pub fn answered(&self) -> u64 {
        self.inner.shared.answered.load(Ordering::SeqCst)
    }

    /// Waits until at least `count` answers have gone out; `false` on timeout.
    pub fn wait_answered(&self, count: u64, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.answered() < count {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }

    /// Whether it still listens.
    pub fn is_running(&self) -> bool {
        lock(&self.inner.server).is_some()
    }

    /// Stops listening (the port is closed) and waits for the accept thread to end.
    pub fn stop(&self) {
        self.inner.stop();
    }
}

fn accept_loop(server: &tiny_http::Server, shared: &Arc<Shared>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match server.recv_timeout(POLL) {
            Ok(Some(request)) => {
                let shared = Arc::clone(shared);
                let spawned = std::thread::Builder::new()
                    .name("hookcraft-receiver-request".to_owned())
                    .spawn(move || handle(request, &shared));
                // Without a thread the request is dropped, which closes its connection.
                spawned.ok();
            }
            Ok(None) => {}
            Err(_) => break,
        }
    }
}

/// Records one request, then answers it after the configured delay.
fn handle(mut request: tiny_http::Request, shared: &Shared) {
    let mut body = Vec::new();
    // A body that cannot be read is recorded as far as it came.
    request
        .as_reader()
        .take(MAX_BODY_BYTES)
        .read_to_end(&mut body)
        .ok();
    let config = lock(&shared.config).clone();
    let failed = config.fail_rate > 0.0 && rand::random::<f64>() < config.fail_rate;
    let status = if failed {
        config.fail_status
    } else {
        config.status
    };
    let method = request.method().to_string();
    let path = request.url().to_owned();
    let version = request.http_version();
    let http_version = format!("HTTP/{}.{}", version.0, version.1);
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|header| (header.field.to_string(), header.value.to_string()))
        .collect();
    let body_text = String::from_utf8_lossy(&body).into_owned();
    let mut raw = format!("{method} {path} {http_version}\r\n");
    for (name, value) in &headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.push_str("\r\n");
    raw.push_str(&body_text);
    let seq = shared.next_seq.fetch_add(1, Ordering::SeqCst);
    let received = ReceivedRequest {
        seq,
        at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        method,
        path,
        http_version,
        headers,
        body_raw: body,
        body_text,
        raw,
        response_status: status,
        remote: request.remote_addr().map(ToString::to_string),
    };
    {
        let mut kept = lock(&shared.received);
        kept.push(received);
        if kept.len() > MAX_KEPT {
            let excess = kept.len() - MAX_KEPT;
            kept.drain(..excess);
        }
    }
    shared.arrived.notify_all();
    if config.delay_ms > 0 {
        std::thread::sleep(Duration::from_millis(config.delay_ms));
    }
    let body = if failed {
        format!(
            r#"{{"ok":false,"error":"simulated failure (fail rate {})","seq":{seq}}}"#,
            config.fail_rate
        )
    } else {
        format!(r#"{{"ok":true,"seq":{seq}}}"#)
    };
    let content_type =
        tiny_http::Header::from_bytes(&b"Content-Type"[..], &b"application/json"[..]).ok();
    let mut response = tiny_http::Response::from_string(body).with_status_code(status);
    if let Some(header) = content_type {
        response = response.with_header(header);
    }
    // The client may have gone (e.g. it timed out); nothing to do then.
    request.respond(response).ok();
    shared.answered.fetch_add(1, Ordering::SeqCst);
}
