//! Tests of the card table and of every starter template.

use std::collections::BTreeSet;

use super::*;

const DASHBOARD: &[(&str, &str, &str)] = &[
    (
        "webhook",
        "Webhook",
        "Create a webhook endpoint to receive events",
    ),
    ("slack", "Slack", "Connect messages to Slack"),
    ("discord", "Discord", "Connect messages to Discord"),
    ("teams", "Teams", "Connect messages to Teams"),
    ("hubspot", "HubSpot", "Connect messages to HubSpot"),
    ("close", "CloseCRM", "Connect messages to CloseCRM"),
    ("sendgrid", "Sendgrid", "Connect messages to Sendgrid"),
    ("customerio", "CustomerIO", "Connect messages to CustomerIO"),
    ("zapier", "Zapier", "Connect messages to Zapier"),
    ("windmill", "Windmill", "Connect messages to Windmill"),
    ("inngest", "Inngest", "Connect messages to Inngest"),
    ("resend", "Resend", "Connect messages to Resend"),
    ("loops", "Loops", "Connect messages to Loops"),
    ("segment", "Segment", "Connect messages to Segment"),
];

#[test]
fn the_fourteen_cards_in_dashboard_order() {
    let got: Vec<(&str, &str, &str)> = cards().iter().map(|c| (c.id, c.name, c.subtitle)).collect();
    assert_eq!(got, DASHBOARD);
    for (id, _, _) in DASHBOARD {
        assert_eq!(card(id).map(|c| c.id), Some(*id));
    }
    assert!(card("telegram").is_none());
    assert!(card("").is_none());
}

#[test]
fn ids_names_initials_and_colours_are_unique() {
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut initials = BTreeSet::new();
    let mut colours = BTreeSet::new();
    for c in cards() {
        assert!(ids.insert(c.id), "duplicate id {}", c.id);
        assert!(names.insert(c.name), "duplicate name {}", c.name);
        assert!(
            initials.insert(c.initials),
            "duplicate initials {}",
            c.initials
        );
        assert!(colours.insert(c.color), "duplicate colour on {}", c.id);
        let n = c.initials.chars().count();
        assert!((1..=2).contains(&n), "{}: initials {:?}", c.id, c.initials);
        assert!(
            c.initials.chars().all(|ch| ch.is_ascii_uppercase()),
            "{}",
            c.id
        );
        let mut template_ids = BTreeSet::new();
        let mut template_names = BTreeSet::new();
        for t in c.templates {
            assert!(
                template_ids.insert(t.id),
                "{}: duplicate template id {}",
                c.id,
                t.id
            );
            assert!(
                template_names.insert(t.name),
                "{}: duplicate template name {}",
                c.id,
                t.name
            );
            assert!(
                t.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{}: template id {:?}",
                c.id,
                t.id
            );
            assert_eq!(c.template(t.id), Some(t));
        }
        assert!(c.template("nope").is_none());
    }
}

#[test]
fn credentials_match_the_auth_style() {
    let expect = |id: &str, creds: &[(&str, bool)], auth: AuthStyle| {
        let c = card(id).unwrap();
        let got: Vec<(&str, bool)> = c.credentials.iter().map(|f| (f.name, f.secret)).collect();
        assert_eq!(got, creds, "{id}");
        assert_eq!(c.auth, auth, "{id}");
    };
    expect(
        "segment",
        &[("write_key", true)],
        AuthStyle::Basic {
            username: "write_key",
            password: None,
        },
    );
    expect(
        "customerio",
        &[("site_id", false), ("api_key", true)],
        AuthStyle::Basic {
            username: "site_id",
            password: Some("api_key"),
        },
    );
    expect(
        "close",
        &[("api_key", true)],
        AuthStyle::Basic {
            username: "api_key",
            password: None,
        },
    );
    for id in ["sendgrid", "resend", "loops"] {
        expect(
            id,
            &[("api_key", true)],
            AuthStyle::Bearer { token: "api_key" },
        );
    }
    expect(
        "hubspot",
        &[("access_token", true)],
        AuthStyle::Bearer {
            token: "access_token",
        },
    );
    expect(
        "webhook",
        &[("secret", true)],
        AuthStyle::StandardWebhooks { secret: "secret" },
    );
    for id in ["slack", "discord", "teams", "zapier", "windmill", "inngest"] {
        expect(id, &[], AuthStyle::UrlOnly);
    }
    assert_eq!(
        card("segment")
            .unwrap()
            .credential("write_key")
            .unwrap()
            .label,
        "Write Key"
    );
    assert_eq!(
        card("customerio")
            .unwrap()
            .credential("api_key")
            .unwrap()
            .label,
        "Track API Key"
    );
    assert_eq!(
        card("webhook").unwrap().credential("secret").unwrap().label,
        "Signing secret (whsec_…)"
    );

    // Every name the auth style reads is a field of the card, and every required field is read.
    for c in cards() {
        let used = c.auth.credential_names();
        for name in &used {
            assert!(
                c.credential(name).is_some(),
                "{}: auth reads unknown {name}",
                c.id
            );
        }
        for f in c.credentials.iter().filter(|f| f.required) {
            assert!(
                used.contains(&f.name),
                "{}: {} is required but unused",
                c.id,
                f.name
            );
        }
        assert!(
            !c.auth_note.is_empty() && !c.url_help.is_empty(),
            "{}",
            c.id
        );
        for f in c.credentials {
            assert!(
                !f.label.is_empty() && !f.help.is_empty(),
                "{}: {}",
                c.id,
                f.name
            );
        }
    }
    assert_eq!(
        AuthStyle::Basic {
            username: "site_id",
            password: Some("api_key")
        }
        .credential_names(),
        ["site_id", "api_key"]
    );
    assert!(AuthStyle::UrlOnly.credential_names().is_empty());
}

#[test]
fn destination_urls_and_placeholders() {
    let urls = [
        ("segment", "https://api.segment.io/v1/track"),
        ("customerio", "https://track.customer.io/api/v2/entity"),
        ("sendgrid", "https://api.sendgrid.com/v3/mail/send"),
        ("resend", "https://api.resend.com/emails"),
        ("loops", "https://app.loops.so/api/v1/events/send"),
        ("hubspot", "https://api.hubapi.com/crm/v3/objects/contacts"),
        ("close", "https://api.close.com/api/v1/contact/"),
    ];
    for c in cards() {
        let expected = urls.iter().find(|(id, _)| *id == c.id).map(|(_, url)| *url);
        assert_eq!(c.default_url, expected, "{}", c.id);
        assert_eq!(c.is_url_only(), expected.is_none(), "{}", c.id);
        assert!(c.url_placeholder.starts_with("https://"), "{}", c.id);
        if let Some(url) = c.default_url {
            assert_eq!(c.url_placeholder, url, "{}", c.id);
        }
        // URL-only cards take no key; API cards take at least one.
        let keyless = matches!(
            c.auth,
            AuthStyle::UrlOnly | AuthStyle::StandardWebhooks { .. }
        );
        assert_eq!(keyless, c.is_url_only(), "{}", c.id);
    }
    assert_eq!(
        card("slack").unwrap().url_placeholder,
        "https://hooks.slack.com/services/T000/B000/XXXX"
    );
    assert!(
        card("discord")
            .unwrap()
            .url_placeholder
            .starts_with("https://discord.com/api/webhooks/")
    );
    assert!(
        card("inngest")
            .unwrap()
            .url_placeholder
            .starts_with("https://inn.gs/e/")
    );
}

#[test]
fn inferred_credential_mappings_say_so() {
    for c in cards().iter().filter(|c| !c.is_url_only()) {
        assert!(
            c.auth_note.contains("does not document") && c.auth_note.contains("hookcraft sends"),
            "{}: {}",
            c.id,
            c.auth_note
        );
    }
    assert!(card("segment").unwrap().auth_note.contains("HTTP Basic"));
    assert!(
        card("customerio")
            .unwrap()
            .auth_note
            .contains("site_id:api_key")
    );
}

#[test]
fn templates_are_plain_handler_scripts_within_the_dashboard_limits() {
    for c in cards() {
        assert!(!c.templates.is_empty(), "{} has no template", c.id);
        assert_eq!(c.default_template(), c.templates.first());
        for t in c.templates {
            let chars = t.code.chars().count();
            assert!(
                (10..=51_200).contains(&chars),
                "{}/{}: {chars} chars",
                c.id,
                t.id
            );
            assert!(
                t.code.contains("function handler(webhook)"),
                "{}/{}",
                c.id,
                t.id
            );
            assert!(
                !t.code
                    .lines()
                    .any(|l| l.trim_start().starts_with("export ")),
                "{}/{}: modules are not allowed",
                c.id,
                t.id
            );
            // Amounts go through the currency's exponent, never a blind /100.
            let compact: String = t.code.chars().filter(|ch| !ch.is_whitespace()).collect();
            assert!(
                !divides_by_100(&compact),
                "{}/{} divides by 100",
                c.id,
                t.id
            );
            if compact.contains("total_amount") || compact.contains("recurring_pre_tax_amount") {
                assert!(
                    compact.contains("functioncurrencyDecimals("),
                    "{}/{}",
                    c.id,
                    t.id
                );
                assert!(
                    compact.contains("\"KWD\"") && compact.contains("\"JPY\""),
                    "{}/{}",
                    c.id,
                    t.id
                );
            }
            // Written for people: a comment header saying what it does.
            assert!(t.code.starts_with("// "), "{}/{}", c.id, t.id);
            assert!(
                !t.name.is_empty() && !t.description.is_empty(),
                "{}/{}",
                c.id,
                t.id
            );
            for event in t.events {
                assert!(t.handles(event));
            }
            if !t.events.is_empty() {
                assert!(!t.handles("not.an_event"), "{}/{}", c.id, t.id);
            }
        }
    }
    let passthrough = card("webhook").unwrap().template("passthrough").unwrap();
    assert!(passthrough.handles("payout.success") && passthrough.events.is_empty());
}

#[test]
fn seed_use_cases_are_covered() {
    let ids =
        |id: &str| -> Vec<&str> { card(id).unwrap().templates.iter().map(|t| t.id).collect() };
    assert_eq!(
        ids("segment"),
        ["track_payments", "track_subscriptions", "identify_customer"]
    );
    assert_eq!(
        ids("customerio"),
        ["track_payments", "track_subscriptions", "track_attributes"]
    );
    assert!(ids("webhook").contains(&"passthrough") && ids("webhook").contains(&"add_header"));
    assert!(ids("slack").contains(&"all_events"));
}

/// Whether the code divides by exactly 100 (`/100` not followed by another digit).
fn divides_by_100(compact: &str) -> bool {
    compact
        .match_indices("/100")
        .any(|(at, _)| !compact[at + 4..].starts_with(|ch: char| ch.is_ascii_digit() || ch == '.'))
}

#[test]
fn the_divide_by_100_detector() {
    assert!(divides_by_100("x=a/100;"));
    assert!(divides_by_100("(a/100).toFixed(2)"));
    assert!(!divides_by_100("Math.floor(ms/1000)"));
    assert!(!divides_by_100("a/100.5"));
}

#[test]
fn template_event_lists_name_real_event_types() {
    for c in cards() {
        for t in c.templates {
            for event in t.events {
                assert!(
                    crate::samples::event_type(event).is_some(),
                    "{}/{} lists unknown event type {event}",
                    c.id,
                    t.id
                );
            }
            let unique: BTreeSet<&&str> = t.events.iter().collect();
            assert_eq!(
                unique.len(),
                t.events.len(),
                "{}/{} repeats an event",
                c.id,
                t.id
            );
        }
    }
}
