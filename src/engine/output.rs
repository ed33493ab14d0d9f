//! The normalised result of `handler(webhook)`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What the transform asks to be delivered, normalised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Output {
    /// `POST`, `PUT` or `PATCH`.
    pub method: String,
    /// An `http` or `https` URL.
    pub url: String,
    /// Headers the transform set (they override the endpoint's own).
    pub headers: BTreeMap<String, String>,
    /// The body, as `JSON.stringify` would serialise it.
    pub payload: serde_json::Value,
    /// `true`: the webhook is not dispatched.
    pub cancel: bool,
}

impl Output {
    /// The body exactly as it goes over the wire (compact JSON, insertion order kept).
    pub fn body(&self) -> String {
        self.payload.to_string()
    }

    /// The body pretty-printed for people.
    pub fn pretty_body(&self) -> String {
        serde_json::to_string_pretty(&self.payload).unwrap_or_else(|_| self.body())
    }
}
