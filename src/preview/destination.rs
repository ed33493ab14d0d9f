//! Which destination an output URL points at (host and path rules, as the validators use).

use crate::check::{self, Destination};

/// A destination the preview knows how to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A Slack incoming webhook, or Discord's Slack-compatible `/slack` endpoint.
    Slack {
        /// The URL is Discord's `/slack` endpoint.
        via_discord: bool,
    },
    /// A Discord execute-webhook URL.
    Discord,
    /// A Microsoft Teams incoming webhook or workflow URL.
    Teams,
    /// SendGrid's mail API.
    SendGrid,
    /// Resend's email API.
    Resend,
    /// Loops' event or transactional API.
    Loops,
    /// Segment's HTTP tracking API.
    Segment,
    /// Customer.io Track API v2.
    CustomerIo,
    /// HubSpot CRM API.
    HubSpot,
    /// Close CRM API.
    Close,
    /// Inngest event API.
    Inngest,
    /// Anything else: a plain webhook.
    Other,
}

impl Kind {
    /// The destination's name for people.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Slack { via_discord: false } => "Slack",
            Self::Slack { via_discord: true } => "Discord (Slack-compatible)",
            Self::Discord => "Discord",
            Self::Teams => "Microsoft Teams",
            Self::SendGrid => "SendGrid",
            Self::Resend => "Resend",
            Self::Loops => "Loops",
            Self::Segment => "Segment",
            Self::CustomerIo => "Customer.io",
            Self::HubSpot => "HubSpot",
            Self::Close => "Close",
            Self::Inngest => "Inngest",
            Self::Other => "Webhook",
        }
    }
}

/// The host (lower case, no user info or port) and path (no query or fragment) of `url`.
pub(crate) fn host_and_path(url: &str) -> (String, String) {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = host.split(':').next().unwrap_or_default();
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    let path = tail.get(..path_end).unwrap_or_default();
    (
        host.trim_end_matches('.').to_ascii_lowercase(),
        path.to_owned(),
    )
}

/// The non-empty segments of `path`.
pub(crate) fn path_segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The destination `url` points at.
/// The destination an integration card posts to, by card id (`None` for cards whose body
/// any receiver accepts: webhook, Zapier, Windmill).
pub(crate) fn kind_for_card(card_id: &str) -> Option<Kind> {
    Some(match card_id {
        "slack" => Kind::Slack { via_discord: false },
        "discord" => Kind::Discord,
        "teams" => Kind::Teams,
        "sendgrid" => Kind::SendGrid,
        "resend" => Kind::Resend,
        "loops" => Kind::Loops,
        "segment" => Kind::Segment,
        "customerio" => Kind::CustomerIo,
        "hubspot" => Kind::HubSpot,
        "close" => Kind::Close,
        "inngest" => Kind::Inngest,
        _ => return None,
    })
}

/// The destination `url` posts to, as the validators see it ([`check::destination_for`]):
/// one matcher for both, so a preview never disagrees with the checks beside it.
pub(crate) fn destination_kind(url: &str) -> Kind {
    match check::destination_for(url) {
        Destination::Slack => {
            let (host, _) = host_and_path(url);
            Kind::Slack {
                via_discord: host.contains("discord"),
            }
        }
        Destination::Discord => Kind::Discord,
        Destination::Teams => Kind::Teams,
        Destination::SendGrid => Kind::SendGrid,
        Destination::Resend => Kind::Resend,
        Destination::Loops => Kind::Loops,
        Destination::Segment { .. } => Kind::Segment,
        Destination::CustomerIo { .. } => Kind::CustomerIo,
        Destination::HubSpot => Kind::HubSpot,
        Destination::Close => Kind::Close,
        Destination::Inngest => Kind::Inngest,
        Destination::Generic => Kind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_map_to_destinations() {
        let cases = [
            (
                "https://hooks.slack.com/services/T0/B0/xyz",
                Kind::Slack { via_discord: false },
            ),
            ("https://discord.com/api/webhooks/123/tok", Kind::Discord),
            (
                "https://discordapp.com/api/v10/webhooks/1/t?wait=true",
                Kind::Discord,
            ),
            (
                "https://discord.com/api/webhooks/1/t/slack",
                Kind::Slack { via_discord: true },
            ),
            ("https://discord.com/channels/1/2", Kind::Other),
            ("https://acme.webhook.office.com/webhookb2/abc", Kind::Teams),
            (
                "https://prod-01.westus.logic.azure.com:443/workflows/x",
                Kind::Teams,
            ),
            (
                "https://x.environment.api.powerplatform.com/powerautomate/",
                Kind::Teams,
            ),
            ("https://api.sendgrid.com/v3/mail/send", Kind::SendGrid),
            ("https://api.resend.com/emails", Kind::Resend),
            ("https://app.loops.so/api/v1/events/send", Kind::Loops),
            ("https://api.loops.so/v1/events/send", Kind::Loops),
            ("https://api.segment.io/v1/track", Kind::Segment),
            (
                "https://events.eu1.segmentapis.com/v1/identify",
                Kind::Segment,
            ),
            ("https://track.customer.io/api/v2/entity", Kind::CustomerIo),
            (
                "https://track-eu.customer.io/api/v2/batch",
                Kind::CustomerIo,
            ),
            ("https://track.customer.io/api/v1/customers/1", Kind::Other),
            (
                "https://api.hubapi.com/crm/v3/objects/contacts",
                Kind::HubSpot,
            ),
            ("https://api.close.com/api/v1/contact/", Kind::Close),
            ("https://inn.gs/e/KEY", Kind::Inngest),
            ("https://webhook.example.com", Kind::Other),
            ("https://evil.com/hooks.slack.com", Kind::Other),
            ("https://hooks.slack.com.evil.com/x", Kind::Other),
            ("https://notwebhook.office.com.evil.com", Kind::Other),
            ("not a url", Kind::Other),
        ];
        for (url, kind) in cases {
            assert_eq!(destination_kind(url), kind, "{url}");
        }
    }

    #[test]
    fn host_and_path_strip_user_port_query() {
        assert_eq!(
            host_and_path("HTTPS://user:pw@API.Segment.IO:443/v1/track?x=1#y"),
            ("api.segment.io".to_owned(), "/v1/track".to_owned())
        );
        assert_eq!(
            host_and_path("inn.gs"),
            ("inn.gs".to_owned(), String::new())
        );
    }
}
