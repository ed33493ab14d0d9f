//! Per-card auth: how a card's credentials become headers (Basic, Bearer, Standard Webhooks).

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::error::SendError;
use super::request::HttpRequest;
use super::signing;

/// How a card applies its credentials; the strings are credential names.
///
/// Mirrors `catalogue::AuthStyle` until the catalogue lands in main.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthStyle {
    /// The URL carries everything (Slack, Discord, Teams, Zapier, Windmill, Inngest).
    UrlOnly,
    /// `Authorization: Basic base64(username:password)`; no password means an empty one.
    Basic {
        /// The credential holding the user name.
        username: &'static str,
        /// The credential holding the password, if any.
        password: Option<&'static str>,
    },
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// The credential holding the token.
        token: &'static str,
    },
    /// Standard Webhooks signing like Dodo's own deliveries.
    StandardWebhooks {
        /// The credential holding the `whsec_…` secret.
        secret: &'static str,
    },
}

/// What request building needs to know about a card's auth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardAuth<'a> {
    /// The card's display name for messages, e.g. `Segment`.
    pub card_name: &'a str,
    /// How credentials become headers.
    pub style: AuthStyle,
    /// Credential name to its label, e.g. `("write_key", "Write Key")`.
    pub labels: Vec<(&'a str, &'a str)>,
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
        self.labels
            .iter()
            .find(|(name, _)| *name == field)
            .map_or_else(|| field.to_owned(), |(_, label)| (*label).to_owned())
    }

    /// A credential's value; missing or blank is an error naming the field.
    fn credential<'c>(
        &self,
        credentials: &'c BTreeMap<String, String>,
        field: &str,
    ) -> Result<&'c str, SendError> {
        match credentials.get(field).map(|value| value.trim()) {
            Some(value) if !value.is_empty() => Ok(value),
            _ => Err(SendError::MissingCredential {
                card: self.card_name.to_owned(),
                label: self.label(field),
                field: field.to_owned(),
            }),
        }
    }

    /// Adds this card's auth headers to `request` and records the secrets used.
    pub fn apply(
        &self,
        credentials: &BTreeMap<String, String>,
        signing: &SigningParams,
        request: &mut HttpRequest,
    ) -> Result<(), SendError> {
        match self.style {
            AuthStyle::UrlOnly => Ok(()),
            AuthStyle::Basic { username, password } => {
                let user = self.credential(credentials, username)?;
                let pass = match password {
                    Some(field) => self.credential(credentials, field)?,
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
                let value = self.credential(credentials, token)?;
                request.set_header("Authorization", format!("Bearer {value}"));
                request.add_secret(token, value);
                Ok(())
            }
            AuthStyle::StandardWebhooks { secret } => {
                let value = self.credential(credentials, secret)?;
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

/// The auth of a built-in card by id (`segment`, `customerio`, `webhook`, …), or `None` for
/// an unknown id.
pub fn card_auth(card_id: &str) -> Option<CardAuth<'static>> {
    let (card_name, style, labels): (&str, AuthStyle, Vec<(&str, &str)>) = match card_id {
        "webhook" => (
            "Webhook",
            AuthStyle::StandardWebhooks { secret: "secret" },
            vec![("secret", "Signing Secret")],
        ),
        "slack" => ("Slack", AuthStyle::UrlOnly, Vec::new()),
        "discord" => ("Discord", AuthStyle::UrlOnly, Vec::new()),
        "teams" => ("Microsoft Teams", AuthStyle::UrlOnly, Vec::new()),
        "zapier" => ("Zapier", AuthStyle::UrlOnly, Vec::new()),
        "windmill" => ("Windmill", AuthStyle::UrlOnly, Vec::new()),
        "inngest" => ("Inngest", AuthStyle::UrlOnly, Vec::new()),
        "hubspot" => (
            "HubSpot",
            AuthStyle::Bearer {
                token: "access_token",
            },
            vec![("access_token", "Access Token")],
        ),
        "close" => (
            "Close CRM",
            AuthStyle::Basic {
                username: "api_key",
                password: None,
            },
            vec![("api_key", "API Key")],
        ),
        "sendgrid" => (
            "SendGrid",
            AuthStyle::Bearer { token: "api_key" },
            vec![("api_key", "API Key")],
        ),
        "resend" => (
            "Resend",
            AuthStyle::Bearer { token: "api_key" },
            vec![("api_key", "API Key")],
        ),
        "loops" => (
            "Loops",
            AuthStyle::Bearer { token: "api_key" },
            vec![("api_key", "API Key")],
        ),
        "customerio" => (
            "Customer.io",
            AuthStyle::Basic {
                username: "site_id",
                password: Some("api_key"),
            },
            vec![("site_id", "Site ID"), ("api_key", "API Key")],
        ),
        "segment" => (
            "Segment",
            AuthStyle::Basic {
                username: "write_key",
                password: None,
            },
            vec![("write_key", "Write Key")],
        ),
        _ => return None,
    };
    Some(CardAuth {
        card_name,
        style,
        labels,
    })
}
