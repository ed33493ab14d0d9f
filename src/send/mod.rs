//! Sending: request building, per-card auth, signing, delivery, receiver, history, cURL.
//!
//! The path of one send: the transform's [`Output`] becomes an [`HttpRequest`]
//! ([`build_request`]: defaults, card auth, endpoint headers, transform headers), which
//! [`deliver`] sends with Dodo's limits (15 s, 5 redirects), giving an [`HttpResponse`].
//! [`dispatch`] does both and honours `cancel`. Everything shown or stored goes through
//! [`HttpRequest::redacted`].

mod auth;
mod build;
pub mod curl;
mod deliver;
mod error;
pub mod history;
pub mod receiver;
mod request;
pub mod signing;

use std::collections::BTreeMap;

pub use auth::{AuthField, AuthStyle, CardAuth, SigningParams, card_auth};
pub use build::{
    BuildOptions, USER_AGENT, build_request, build_request_with, refill_request, validate_url,
};
pub use deliver::{
    DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
    DeliverOptions, HttpResponse, RedirectHop, deliver,
};
pub use error::{ErrorReport, SendError};
pub use request::{HttpRequest, REDACTED, RedactedHeader, SecretValue};

use crate::catalogue::Card;
use crate::engine::Output;

/// What the app says about a cancelled webhook (Dodo shows it as delivered).
pub const CANCELLED_MESSAGE: &str = "cancelled — counts as a successful delivery";

/// Options of [`dispatch`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DispatchOptions {
    /// Request building choices.
    pub build: BuildOptions,
    /// Delivery limits.
    pub deliver: DeliverOptions,
    /// Send the very same request (headers, auth, body) to this URL instead.
    pub send_to: Option<String>,
}

/// How a send ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The transform set `cancel: true`: nothing was sent.
    Cancelled,
    /// The server answered (any status).
    Response {
        /// The request sent (not redacted: redact before showing).
        request: HttpRequest,
        /// The answer.
        response: HttpResponse,
    },
    /// No answer: the request could not be built or delivered.
    Failed {
        /// The request, when it could be built.
        request: Option<HttpRequest>,
        /// Why.
        error: SendError,
    },
}

impl Outcome {
    /// Whether Dodo would count this as delivered (2xx or cancelled).
    pub fn is_success(&self) -> bool {
        match self {
            Self::Cancelled => true,
            Self::Response { response, .. } => response.is_success(),
            Self::Failed { .. } => false,
        }
    }

    /// One line for people: `200 OK in 12 ms`, the cancel words, or the error.
    pub fn summary(&self) -> String {
        match self {
            Self::Cancelled => CANCELLED_MESSAGE.to_owned(),
            Self::Response { response, .. } => format!(
                "{} {} in {} ms",
                response.status, response.reason, response.elapsed_ms
            ),
            Self::Failed { error, .. } => error.to_string(),
        }
    }

    /// The request, when one was built.
    pub fn request(&self) -> Option<&HttpRequest> {
        match self {
            Self::Cancelled => None,
            Self::Response { request, .. } => Some(request),
            Self::Failed { request, .. } => request.as_ref(),
        }
    }
}

/// Builds and delivers what a transform returned, like the real delivery, with `card`'s
/// auth (none for a plain endpoint): a cancelled output sends nothing.
pub fn dispatch(
    output: &Output,
    card: Option<&Card>,
    credentials: &BTreeMap<String, String>,
    endpoint_headers: &[(String, String)],
    opts: &DispatchOptions,
) -> Outcome {
    let auth = card.map(CardAuth::from_card);
    dispatch_with(output, auth.as_ref(), credentials, endpoint_headers, opts)
}

/// [`dispatch`] with an explicit auth.
pub fn dispatch_with(
    output: &Output,
    auth: Option<&CardAuth<'_>>,
    credentials: &BTreeMap<String, String>,
    endpoint_headers: &[(String, String)],
    opts: &DispatchOptions,
) -> Outcome {
    if output.cancel {
        return Outcome::Cancelled;
    }
    let request = match build_request_with(output, auth, credentials, endpoint_headers, &opts.build)
    {
        Ok(request) => request,
        Err(error) => {
            return Outcome::Failed {
                request: None,
                error,
            };
        }
    };
    let request = match &opts.send_to {
        Some(url) => request.with_url(url.trim()),
        None => request,
    };
    match deliver(&request, &opts.deliver) {
        Ok(response) => Outcome::Response { request, response },
        Err(error) => Outcome::Failed {
            request: Some(request),
            error,
        },
    }
}
