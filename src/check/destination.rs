//! Which destination a URL points at, from its host and path.

use serde::Serialize;

/// A destination whose rules the validators know.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Destination {
    /// Segment HTTP Tracking API; `method` is the last path segment (`track`, `identify`,
    /// `page`, `screen`, `group`, `alias`, `batch`, or whatever else the URL names).
    Segment {
        /// The API method from the path.
        method: String,
        /// `true` for the EU host `events.eu1.segmentapis.com`.
        eu: bool,
    },
    /// Customer.io Track API v2; `endpoint` is `entity` or `batch` (or whatever the path names).
    CustomerIo {
        /// The endpoint from the path.
        endpoint: String,
        /// `true` for `track-eu.customer.io`.
        eu: bool,
    },
    /// A Slack incoming webhook.
    Slack,
    /// A Discord execute-webhook URL.
    Discord,
    /// A Microsoft Teams incoming webhook or workflow URL.
    Teams,
    /// SendGrid mail send.
    SendGrid,
    /// Resend emails.
    Resend,
    /// Loops events.
    Loops,
    /// Inngest event ingestion.
    Inngest,
    /// HubSpot CRM v3.
    HubSpot,
    /// Close CRM.
    Close,
    /// Anything else: any JSON object is accepted.
    Generic,
}

impl Destination {
    /// A short name for people, e.g. `Segment track` or `Slack`.
    pub fn label(&self) -> String {
        match self {
            Self::Segment { method, eu } => {
                format!("Segment {method}{}", if *eu { " (EU)" } else { "" })
            }
            Self::CustomerIo { endpoint, eu } => {
                format!("Customer.io {endpoint}{}", if *eu { " (EU)" } else { "" })
            }
            Self::Slack => "Slack".to_owned(),
            Self::Discord => "Discord".to_owned(),
            Self::Teams => "Microsoft Teams".to_owned(),
            Self::SendGrid => "SendGrid".to_owned(),
            Self::Resend => "Resend".to_owned(),
            Self::Loops => "Loops".to_owned(),
            Self::Inngest => "Inngest".to_owned(),
            Self::HubSpot => "HubSpot".to_owned(),
            Self::Close => "Close".to_owned(),
            Self::Generic => "Webhook".to_owned(),
        }
    }

    /// `true` for a third-party API that expects its own body shape (everything but a
    /// generic webhook): forwarding the raw Dodo envelope there is always a mistake.
    pub fn is_third_party(&self) -> bool {
        !matches!(self, Self::Generic)
    }
}

/// The parts of a URL the validators look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UrlParts {
    /// Lower-case scheme, e.g. `https`.
    pub scheme: String,
    /// Lower-case host without port or credentials.
    pub host: String,
    /// The path, `/` when empty; no query or fragment.
    pub path: String,
}

/// Splits `url` into scheme, host and path; `None` when it has no `scheme://host`.
pub(crate) fn parse_url(url: &str) -> Option<UrlParts> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let after = &rest[end..];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port
            .split_once(']')
            .map_or(host_port, |(h, _)| h)
            .trim_start_matches('[')
    } else {
        host_port.split_once(':').map_or(host_port, |(h, _)| h)
    };
    if host.is_empty() {
        return None;
    }
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    let path = &after[..path_end];
    Some(UrlParts {
        scheme: scheme.to_ascii_lowercase(),
        host: host.trim_end_matches('.').to_ascii_lowercase(),
        path: if path.is_empty() {
            "/".to_owned()
        } else {
            path.to_owned()
        },
    })
}

/// The destination `url` points at, from its host and path. Unknown hosts, and known hosts
/// with a path that is not their API, give [`Destination::Generic`] except for Segment and
/// Customer.io, whose validators report an unknown method or endpoint themselves.
pub fn destination_for(url: &str) -> Destination {
    let Some(parts) = parse_url(url) else {
        return Destination::Generic;
    };
    let host = parts.host.as_str();
    let path = parts.path.trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match host {
        "api.segment.io" | "events.eu1.segmentapis.com" => {
            if segments.first() == Some(&"v1") {
                let method = segments
                    .get(1)
                    .copied()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                return Destination::Segment {
                    method,
                    eu: host != "api.segment.io",
                };
            }
            Destination::Generic
        }
        "track.customer.io" | "track-eu.customer.io" => {
            if segments.starts_with(&["api", "v2"]) {
                let endpoint = segments
                    .get(2)
                    .copied()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                return Destination::CustomerIo {
                    endpoint,
                    eu: host == "track-eu.customer.io",
                };
            }
            Destination::Generic
        }
        "hooks.slack.com" => Destination::Slack,
        "discord.com" | "discordapp.com" | "ptb.discord.com" | "canary.discord.com" => {
            // `/api/webhooks/..` or the versioned `/api/v10/webhooks/..`; the `/slack` suffix
            // takes Slack's format instead.
            let is_webhook = segments.first() == Some(&"api")
                && segments.iter().take(3).any(|s| *s == "webhooks");
            if !is_webhook {
                Destination::Generic
            } else if segments.last() == Some(&"slack") {
                Destination::Slack
            } else {
                Destination::Discord
            }
        }
        "api.sendgrid.com" => Destination::SendGrid,
        "api.resend.com" => Destination::Resend,
        "app.loops.so" | "api.loops.so" => Destination::Loops,
        "inn.gs" => Destination::Inngest,
        "api.hubapi.com" => Destination::HubSpot,
        "api.close.com" => Destination::Close,
        _ if host.ends_with(".webhook.office.com")
            || host.ends_with(".logic.azure.com")
            || host.ends_with(".powerplatform.com")
            || host == "outlook.office.com" =>
        {
            Destination::Teams
        }
        _ => Destination::Generic,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use super::*;

    fn seg(method: &str, eu: bool) -> Destination {
        Destination::Segment {
            method: method.to_owned(),
            eu,
        }
    }

    #[test]
    fn segment_hosts_and_methods() {
        for m in [
            "track", "identify", "page", "screen", "group", "alias", "batch",
        ] {
            assert_eq!(
                destination_for(&format!("https://api.segment.io/v1/{m}")),
                seg(m, false)
            );
            assert_eq!(
                destination_for(&format!("https://events.eu1.segmentapis.com/v1/{m}")),
                seg(m, true)
            );
        }
        assert_eq!(
            destination_for("https://API.Segment.io/v1/Track?x=1"),
            seg("track", false)
        );
        assert_eq!(
            destination_for("https://api.segment.io/"),
            Destination::Generic
        );
        assert_eq!(seg("track", true).label(), "Segment track (EU)");
    }

    #[test]
    fn customerio_hosts() {
        assert_eq!(
            destination_for("https://track.customer.io/api/v2/entity"),
            Destination::CustomerIo {
                endpoint: "entity".into(),
                eu: false
            }
        );
        assert_eq!(
            destination_for("https://track-eu.customer.io/api/v2/batch"),
            Destination::CustomerIo {
                endpoint: "batch".into(),
                eu: true
            }
        );
        assert_eq!(
            destination_for("https://track.customer.io/api/v1/customers/1"),
            Destination::Generic
        );
    }

    #[test]
    fn other_hosts() {
        let cases = [
            (
                "https://hooks.slack.com/services/T0/B0/xyz",
                Destination::Slack,
            ),
            (
                "https://discord.com/api/webhooks/1/abc",
                Destination::Discord,
            ),
            (
                "https://discordapp.com/api/webhooks/1/abc",
                Destination::Discord,
            ),
            (
                "https://discord.com/api/webhooks/1/abc/slack",
                Destination::Slack,
            ),
            ("https://discord.com/channels/1", Destination::Generic),
            (
                "https://acme.webhook.office.com/webhookb2/x",
                Destination::Teams,
            ),
            (
                "https://prod-01.westus.logic.azure.com:443/workflows/x",
                Destination::Teams,
            ),
            (
                "https://x.environment.api.powerplatform.com/p",
                Destination::Teams,
            ),
            (
                "https://api.sendgrid.com/v3/mail/send",
                Destination::SendGrid,
            ),
            ("https://api.resend.com/emails", Destination::Resend),
            (
                "https://app.loops.so/api/v1/events/send",
                Destination::Loops,
            ),
            ("https://api.loops.so/v1/events/send", Destination::Loops),
            ("https://inn.gs/e/key", Destination::Inngest),
            (
                "https://api.hubapi.com/crm/v3/objects/contacts",
                Destination::HubSpot,
            ),
            ("https://api.close.com/api/v1/contact/", Destination::Close),
            (
                "https://hooks.zapier.com/hooks/catch/1/2",
                Destination::Generic,
            ),
            (
                "https://user:pw@api.resend.com:443/emails",
                Destination::Resend,
            ),
            ("not a url", Destination::Generic),
        ];
        for (url, want) in cases {
            assert_eq!(destination_for(url), want, "{url}");
        }
    }

    #[test]
    fn url_parts() {
        let p = parse_url("HTTP://Example.com:8080/a/b?q#f").unwrap();
        assert_eq!(
            (p.scheme.as_str(), p.host.as_str(), p.path.as_str()),
            ("http", "example.com", "/a/b")
        );
        assert!(parse_url("mailto:x@y").is_none());
        assert!(parse_url("https:///path").is_none());
    }
}
