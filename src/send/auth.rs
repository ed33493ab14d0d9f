//! Per-card auth: how a card's credentials become headers (Basic, Bearer, Standard Webhooks).

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::catalogue::Card;

use super::error::SendError;
use super::request::HttpRequest;
use super::signing;

pub use crate::catalogue::AuthStyle;

/// One credential a card reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthField<'a> {
    /// The credential's name, e.g. `write_key`.
    pub name: &'a str,
    /// Its label, e.g. `Write Key`.
    pub label: &'a str,
    /// `false`: sending works without it (the auth it feeds is then left out).
    pub required: bool,
}

/// What request building needs to know about a card's auth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardAuth<'a> {
    /// The card's display name for messages, e.g. `Segment`.
    pub card_name: &'a str,
    /// How credentials become headers.
    pub style: AuthStyle,
    /// The card's credentials.
    pub fields: Vec<AuthField<'a>>,
}

/// The `webhook-id`/`webhook-timestamp` to sign with (fresh ones when `None`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SigningParams {
    /// The message id; a fresh `msg_…` when `None`.
    pub webhook_id: Option<String>,
    /// Unix seconds; now when `None`.
    pub timestamp: Option<i64>,
}

impl CardAuth<'_> {
    /// The label of a credential, or its name.
    fn label(&self, field: &str) -> String {
        self.fields
            .iter()
            .find(|known| known.name == field)
            .map_or_else(|| field.to_owned(), |known| known.label.to_owned())
    }

    /// Whether sending needs this credential (unknown names are required).
    fn required(&self, field: &str) -> bool {
        self.fields
            .iter()
            .find(|known| known.name == field)
            .is_none_or(|known| known.required)
    }

    /// A credential's value: `Ok(None)` when an optional one is missing or blank, an error
    /// naming the field when a required one is.
    fn credential<'c>(
        &self,
        credentials: &'c BTreeMap<String, String>,
        field: &str,
    ) -> Result<Option<&'c str>, SendError> {
        match credentials.get(field).map(|value| value.trim()) {
            Some(value) if !value.is_empty() => Ok(Some(value)),
            _ if !self.required(field) => Ok(None),
            _ => Err(SendError::MissingCredential {
                card: self.card_name.to_owned(),
                label: self.label(field),
                field: field.to_owned(),
            }),
        }
    }

    /// Adds this card's auth headers to `request` and records the secrets used. An auth whose
    /// optional credential is missing is left out (e.g. an unsigned webhook).
    pub fn apply(
        &self,
        credentials: &BTreeMap<String, String>,
        signing: &SigningParams,
        request: &mut HttpRequest,
    ) -> Result<(), SendError> {
        match self.style {
            AuthStyle::UrlOnly => Ok(()),
            AuthStyle::Basic { username, password } => {
                let Some(user) = self.credential(credentials, username)? else {
                    return Ok(());
                };
                let pass = match password {
                    Some(field) => self.credential(credentials, field)?.unwrap_or_default(),
                    None => "",
                };
                let token = BASE64.encode(format!("{user}:{pass}"));
                request.set_header("Authorization", format!("Basic {token}"));
                request.add_secret(username, user);
                if let Some(field) = password {
                    request.add_secret(field, pass);
                }
                Ok(())
            }
            AuthStyle::Bearer { token } => {
                let Some(value) = self.credential(credentials, token)? else {
                    return Ok(());
                };
                request.set_header("Authorization", format!("Bearer {value}"));
                request.add_secret(token, value);
                Ok(())
            }
            AuthStyle::StandardWebhooks { secret } => {
                let Some(value) = self.credential(credentials, secret)? else {
                    return Ok(());
                };
                let id = signing
                    .webhook_id
                    .clone()
                    .unwrap_or_else(signing::generate_message_id);
                let timestamp = signing
                    .timestamp
                    .unwrap_or_else(|| chrono::Utc::now().timestamp());
                let signature = signing::sign(value, &id, timestamp, request.body.as_bytes())
                    .map_err(|err| SendError::InvalidCredential {
                        card: self.card_name.to_owned(),
                        label: self.label(secret),
                        field: secret.to_owned(),
                        reason: err.to_string(),
                    })?;
                request.set_header(signing::HEADER_ID, id);
                request.set_header(signing::HEADER_TIMESTAMP, timestamp.to_string());
                request.set_header(signing::HEADER_SIGNATURE, signature);
                request.add_secret(secret, value);
                Ok(())
            }
        }
    }

    /// The credential names this auth style reads, in order.
    pub fn credential_names(&self) -> Vec<&'static str> {
        match self.style {
            AuthStyle::UrlOnly => Vec::new(),
            AuthStyle::Basic { username, password } => {
                std::iter::once(username).chain(password).collect()
            }
            AuthStyle::Bearer { token } => vec![token],
            AuthStyle::StandardWebhooks { secret } => vec![secret],
        }
    }

    /// The error for a credential that is needed after all (e.g. to re-sign a past request).
    pub fn missing(&self, field: &str) -> SendError {
        SendError::MissingCredential {
            card: self.card_name.to_owned(),
            label: self.label(field),
            field: field.to_owned(),
        }
    }

    /// The header names this auth style writes.
    pub fn header_names(&self) -> &'static [&'static str] {
        match self.style {
            AuthStyle::UrlOnly => &[],
            AuthStyle::Basic { .. } | AuthStyle::Bearer { .. } => &["Authorization"],
            AuthStyle::StandardWebhooks { .. } => &[
                signing::HEADER_ID,
                signing::HEADER_TIMESTAMP,
                signing::HEADER_SIGNATURE,
            ],
        }
    }
}

impl<'a> CardAuth<'a> {
    /// The auth of a catalogue card.
    pub fn from_card(card: &'a Card) -> Self {
        CardAuth {
            card_name: card.name,
            style: card.auth,
            fields: card
                .credentials
                .iter()
                .map(|field| AuthField {
                    name: field.name,
                    label: field.label,
                    required: field.required,
                })
                .collect(),
        }
    }
}

/// The auth of a catalogue card by id (`segment`, `customerio`, `webhook`, …), or `None`
/// for an unknown id.
pub fn card_auth(card_id: &str) -> Option<CardAuth<'static>> {
    crate::catalogue::card(card_id).map(CardAuth::from_card)
}
