//! The 14 integration cards of Dodo's "Add Endpoint" grid: credentials, auth style, default
//! URLs and starter transforms.
//!
//! Everything here is static data: [`cards`] lists the cards in dashboard order and
//! [`card`] finds one by id. Starter templates live as plain `.js` files under
//! `assets/templates/<card>/<template>.js` and are embedded with `include_str!`, so they can
//! be read, diffed and linted like any other script.
//!
//! Where Dodo does not document how a card applies its credential (domain.md §4, Q4), the
//! card's [`Card::auth_note`] says so in plain words and names what hookcraft does instead.

mod data;

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief).
mod tests;

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief).
mod run_tests;

/// One integration card, as shown in the "Add Endpoint" grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Card {
    /// Stable id: `webhook`, `slack`, `discord`, `teams`, `hubspot`, `close`, `sendgrid`,
    /// `customerio`, `zapier`, `windmill`, `inngest`, `resend`, `loops`, `segment`.
    pub id: &'static str,
    /// The name on the card, as the dashboard spells it (e.g. "CustomerIO").
    pub name: &'static str,
    /// The card's subtitle, e.g. "Connect messages to Slack".
    pub subtitle: &'static str,
    /// The credentials the user enters (empty for URL-only cards).
    pub credentials: &'static [CredentialField],
    /// How the credentials become HTTP authentication when sending.
    pub auth: AuthStyle,
    /// The destination API URL the templates send to; `None` for cards whose endpoint URL is
    /// the destination (Slack, Discord, Teams, Zapier, Windmill, Inngest, Webhook).
    pub default_url: Option<&'static str>,
    /// An example of the URL the user should enter (hint text for the URL box).
    pub url_placeholder: &'static str,
    /// Where the endpoint URL comes from, in plain words.
    pub url_help: &'static str,
    /// How the credential reaches the destination, saying plainly what is an inference.
    pub auth_note: &'static str,
    /// Starter transforms; the first is the default. Never empty.
    pub templates: &'static [Template],
    /// Badge colour (brand-neutral, sRGB).
    pub color: [u8; 3],
    /// One or two letters shown in the badge (no brand logos).
    pub initials: &'static str,
}

/// One credential input of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CredentialField {
    /// Stable name, the key in the secret store (e.g. `write_key`).
    pub name: &'static str,
    /// The label shown next to the input (e.g. "Write Key").
    pub label: &'static str,
    /// `true`: mask it on screen and keep it in the secret store only.
    pub secret: bool,
    /// `false`: sending works without it (e.g. the optional webhook signing secret).
    pub required: bool,
    /// Where to find it, in plain words.
    pub help: &'static str,
}

/// How a card's credentials are applied to the outgoing request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthStyle {
    /// No credential: the endpoint URL itself carries the access (Slack, Zapier, …).
    UrlOnly,
    /// `Authorization: Basic base64(username:password)`, both given as credential names;
    /// `password: None` means an empty password (`base64("KEY:")`).
    Basic {
        /// Credential name used as the user name.
        username: &'static str,
        /// Credential name used as the password, or `None` for an empty password.
        password: Option<&'static str>,
    },
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// Credential name holding the token.
        token: &'static str,
    },
    /// Standard Webhooks signing (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
    StandardWebhooks {
        /// Credential name holding the `whsec_…` secret.
        secret: &'static str,
    },
}

impl AuthStyle {
    /// The credential names this style reads, in order.
    pub fn credential_names(&self) -> Vec<&'static str> {
        match *self {
            Self::UrlOnly => Vec::new(),
            Self::Basic { username, password } => {
                std::iter::once(username).chain(password).collect()
            }
            Self::Bearer { token } => vec![token],
            Self::StandardWebhooks { secret } => vec![secret],
        }
    }
}

/// A starter transform for a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    /// Stable id, unique within its card (e.g. `track_payments`).
    pub id: &'static str,
    /// Short name for pickers (e.g. "Track payments").
    pub name: &'static str,
    /// One sentence saying what it does.
    pub description: &'static str,
    /// The event types it turns into a destination request; every other event type is
    /// cancelled (third-party APIs) or passed on. Empty: it handles every event type.
    pub events: &'static [&'static str],
    /// The script (`function handler(webhook) { … }`).
    pub code: &'static str,
}

impl Template {
    /// Whether this template handles `event_type` (see [`Template::events`]).
    pub fn handles(&self, event_type: &str) -> bool {
        self.events.is_empty() || self.events.contains(&event_type)
    }
}

impl Card {
    /// The template with this id.
    pub fn template(&self, id: &str) -> Option<&'static Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// The template a new endpoint starts from.
    pub fn default_template(&self) -> Option<&'static Template> {
        self.templates.first()
    }

    /// The credential with this name.
    pub fn credential(&self, name: &str) -> Option<&'static CredentialField> {
        self.credentials.iter().find(|c| c.name == name)
    }

    /// `true` when the endpoint URL is the destination (no fixed API URL).
    pub fn is_url_only(&self) -> bool {
        self.default_url.is_none()
    }

    /// `true` when the destination is a third-party API that must never receive the raw Dodo
    /// envelope, so templates cancel events they do not handle.
    pub fn is_third_party(&self) -> bool {
        self.id != "webhook"
    }
}

/// The 14 cards in dashboard order.
pub fn cards() -> &'static [Card] {
    data::CARDS
}

/// The card with this id (`"segment"`, `"customerio"`, …).
pub fn card(id: &str) -> Option<&'static Card> {
    data::CARDS.iter().find(|c| c.id == id)
}
