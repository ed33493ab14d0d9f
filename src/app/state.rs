//! The app's persisted state: the endpoint being edited, the chosen sample and view settings.
//!
//! Everything here is plain serde data restored on start (`#[serde(default)]` so older saved
//! state still loads). Secrets are never part of it: they live in the secret store.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::catalogue::{self, Card};
use crate::store::Endpoint;

/// Which screen the central area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Screen {
    /// The saved endpoints (home).
    #[default]
    Endpoints,
    /// The card grid of "Add endpoint".
    PickIntegration,
    /// Configure, code, test and send one endpoint.
    Editor,
}

/// The tab beside the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutputTab {
    /// Method, URL, headers, body and console.
    #[default]
    Output,
    /// What the destination will show.
    Preview,
    /// Destination checks and the all-samples grid.
    Checks,
    /// The output compared with the input payload.
    Diff,
}

/// One key/value row (custom header or variable) as edited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyValue {
    /// Header name or variable name.
    pub key: String,
    /// Its value.
    pub value: String,
}

/// The endpoint being created or edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The saved endpoint this edits; `None` for a new one.
    pub slug: Option<String>,
    /// Display name (the card's name when left empty).
    pub name: String,
    /// The integration card id.
    pub card: String,
    /// The endpoint URL as typed; empty means the card default or the dashboard placeholder.
    pub url: String,
    /// Credential values by field name. Never persisted: secrets go to the secret store.
    #[serde(skip)]
    pub credentials: BTreeMap<String, String>,
    /// Custom headers.
    pub headers: Vec<KeyValue>,
    /// Variables (`webhook.env`).
    pub env: Vec<KeyValue>,
    /// Subscribed event types (empty means all).
    pub events: BTreeSet<String>,
    /// Whether deliveries are on.
    pub enabled: bool,
    /// The template the code started from.
    pub template: Option<String>,
    /// The transformation code.
    pub code: String,
    /// The library sample picked for testing.
    pub sample: String,
    /// The test payload as edited (a copy: the library sample is never changed).
    pub payload_text: String,
}

impl Default for Draft {
    fn default() -> Self {
        Self::for_card(catalogue::card("webhook"))
    }
}

impl Draft {
    /// A fresh draft for `card` (the generic webhook when `None`), with its first template
    /// and the realistic `payment.succeeded` sample.
    pub fn for_card(card: Option<&Card>) -> Self {
        let template = card.and_then(|c| c.templates.first());
        let sample = "payment.succeeded".to_owned();
        let payload_text = crate::samples::Library::builtin()
            .get(&sample)
            .map(|s| s.text.clone())
            .unwrap_or_default();
        Self {
            slug: None,
            name: String::new(),
            card: card.map_or("webhook", |c| c.id).to_owned(),
            url: card
                .and_then(|c| c.default_url)
                .unwrap_or_default()
                .to_owned(),
            credentials: BTreeMap::new(),
            headers: Vec::new(),
            env: Vec::new(),
            events: BTreeSet::new(),
            enabled: true,
            template: template.map(|t| t.id.to_owned()),
            code: template.map(|t| t.code.to_owned()).unwrap_or_default(),
            sample,
            payload_text,
        }
    }

    /// The card of this draft.
    pub fn card(&self) -> Option<&'static Card> {
        catalogue::card(&self.card)
    }

    /// The URL the transform receives: as typed, else the card's default, else the dashboard's.
    pub fn effective_url(&self) -> String {
        let typed = self.url.trim();
        if !typed.is_empty() {
            return typed.to_owned();
        }
        self.card()
            .and_then(|c| c.default_url)
            .unwrap_or(crate::engine::DEFAULT_URL)
            .to_owned()
    }

    /// Variables as the engine wants them (rows with an empty name are skipped).
    pub fn env_map(&self) -> BTreeMap<String, String> {
        rows_to_map(&self.env)
    }

    /// Custom headers as (name, value) pairs (rows with an empty name are skipped).
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .filter(|kv| !kv.key.trim().is_empty())
            .map(|kv| (kv.key.trim().to_owned(), kv.value.clone()))
            .collect()
    }

    /// The name shown for this endpoint.
    pub fn display_name(&self) -> String {
        if !self.name.trim().is_empty() {
            return self.name.trim().to_owned();
        }
        self.card().map_or("Webhook", |c| c.name).to_owned()
    }

    /// The store record for this draft (`slug: None` for a new endpoint: the store picks it).
    pub fn to_endpoint(&self) -> Endpoint {
        Endpoint {
            slug: self.slug.clone(),
            name: self.display_name(),
            card: self.card.clone(),
            url: self.url.trim().to_owned(),
            headers: self.header_pairs(),
            env: self.env_map(),
            events: self.events.iter().cloned().collect(),
            enabled: self.enabled,
            template: self.template.clone(),
            code: self.code.clone(),
        }
    }

    /// A draft that edits the saved `endpoint`; the test sample is kept from `previous`.
    pub fn from_endpoint(endpoint: &Endpoint, previous: &Self) -> Self {
        Self {
            slug: endpoint.slug.clone(),
            name: endpoint.name.clone(),
            card: endpoint.card.clone(),
            url: endpoint.url.clone(),
            credentials: BTreeMap::new(),
            headers: endpoint
                .headers
                .iter()
                .map(|(key, value)| KeyValue {
                    key: key.clone(),
                    value: value.clone(),
                })
                .collect(),
            env: endpoint
                .env
                .iter()
                .map(|(key, value)| KeyValue {
                    key: key.clone(),
                    value: value.clone(),
                })
                .collect(),
            events: endpoint.events.iter().cloned().collect(),
            enabled: endpoint.enabled,
            template: endpoint.template.clone(),
            code: endpoint.code.clone(),
            sample: previous.sample.clone(),
            payload_text: previous.payload_text.clone(),
        }
    }
}

fn rows_to_map(rows: &[KeyValue]) -> BTreeMap<String, String> {
    rows.iter()
        .filter(|kv| !kv.key.trim().is_empty())
        .map(|kv| (kv.key.trim().to_owned(), kv.value.clone()))
        .collect()
}

/// Everything restored on start.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppState {
    /// The current screen.
    pub screen: Screen,
    /// The endpoint being edited.
    pub draft: Draft,
    /// The tab beside the output.
    pub output_tab: OutputTab,
    /// Text of the "Search integrations…" box.
    pub integration_search: String,
    /// Text of the sample search box.
    pub sample_search: String,
    /// Text of the event-type search box.
    pub event_search: String,
    /// Show secret credential values in clear.
    pub show_secrets: bool,
    /// Send tests to the built-in local receiver instead of the endpoint URL.
    pub use_local_receiver: bool,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_without_secrets() {
        let mut state = AppState::default();
        state
            .draft
            .credentials
            .insert("write_key".into(), "s3cret".into());
        state.draft.code = "function handler(w) { return w; }".into();
        let text = serde_json::to_string(&state).unwrap();
        assert!(!text.contains("s3cret"));
        let back: AppState = serde_json::from_str(&text).unwrap();
        assert_eq!(back.draft.code, state.draft.code);
        assert!(back.draft.credentials.is_empty());
    }

    #[test]
    fn old_state_with_missing_fields_loads() {
        let back: AppState = serde_json::from_str(r#"{"screen":"Editor"}"#).unwrap();
        assert_eq!(back.screen, Screen::Editor);
        assert!(back.draft.enabled);
    }

    #[test]
    fn draft_endpoint_round_trip() {
        let mut draft = Draft::for_card(catalogue::card("segment"));
        draft.headers.push(KeyValue {
            key: "X-Team".into(),
            value: "growth".into(),
        });
        draft.headers.push(KeyValue {
            key: " ".into(),
            value: "dropped".into(),
        });
        draft.env.push(KeyValue {
            key: "REGION".into(),
            value: "eu".into(),
        });
        let endpoint = draft.to_endpoint();
        assert_eq!(
            endpoint.headers,
            vec![("X-Team".to_owned(), "growth".to_owned())]
        );
        let back = Draft::from_endpoint(&endpoint, &draft);
        assert_eq!(back.env_map().get("REGION").map(String::as_str), Some("eu"));
        assert_eq!(back.card, "segment");
        assert_eq!(back.code, draft.code);
    }

    #[test]
    fn effective_url_falls_back_to_card_then_dashboard_default() {
        let mut draft = Draft::for_card(catalogue::card("webhook"));
        draft.url.clear();
        assert_eq!(draft.effective_url(), crate::engine::DEFAULT_URL);
        let mut segment = Draft::for_card(catalogue::card("segment"));
        segment.url.clear();
        assert_eq!(segment.effective_url(), "https://api.segment.io/v1/track");
        segment.url = " https://example.org/x ".into();
        assert_eq!(segment.effective_url(), "https://example.org/x");
    }
}
