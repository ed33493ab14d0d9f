//! Previews of realistic transform outputs, through the public API only.

use std::collections::BTreeMap;

use hookcraft::engine::Output;
use hookcraft::preview::{self, Block, MAX_TABLE_ROWS, MAX_TEXT_CHARS, Tone};
use serde_json::{Value, json};

fn output(url: &str, payload: Value) -> Output {
    Output {
        method: "POST".to_owned(),
        url: url.to_owned(),
        headers: BTreeMap::new(),
        payload,
        cancel: false,
    }
}

fn cards(blocks: &[Block]) -> Vec<&hookcraft::preview::Card> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Card(card) => Some(card),
            _ => None,
        })
        .collect()
}

#[test]
fn slack_payment_alert_with_a_red_failure_attachment() {
    let p = preview::build(&output(
        "https://hooks.slack.com/services/T024BE7LD/B0123/abc",
        json!({
            "text": "⚠️ Payment failed for *Ava Thompson*",
            "attachments": [{
                "color": "danger",
                "title": "pay_FYRerhhKom1GnX0iuDXjZ",
                "title_link": "https://app.dodopayments.com/transactions/payments/pay_FYRerhhKom1GnX0iuDXjZ",
                "text": "Card declined: `insufficient_funds`",
                "fields": [
                    {"title": "Amount", "value": "$54.00", "short": true},
                    {"title": "Retry", "value": "0", "short": true}
                ],
                "footer": "Dodo Payments"
            }]
        }),
    ));
    assert_eq!(
        p.sentence_text(),
        "Posts a message with 1 attachment to a Slack channel: “⚠️ Payment failed for Ava Thompson”"
    );
    let [card] = cards(&p.blocks)[..] else {
        panic!("{:#?}", p.blocks)
    };
    assert_eq!(card.accent, Some([0xE0, 0x1E, 0x5A]));
    assert_eq!(
        card.title_link
            .as_deref()
            .map(|l| l.ends_with("pay_FYRerhhKom1GnX0iuDXjZ")),
        Some(true)
    );
    let text = p.plain_text();
    assert!(text.contains("Payment failed for Ava Thompson"), "{text}");
    assert!(text.contains("Card declined: insufficient_funds"), "{text}");
    assert!(text.contains("Amount: $54.00"), "{text}");
}

#[test]
fn discord_dispute_embed_is_orange_with_inline_fields() {
    let p = preview::build(&output(
        "https://discord.com/api/webhooks/1100/tok",
        json!({
            "embeds": [{
                "title": "⚠️ Dispute opened",
                "color": 15_105_570,
                "fields": [
                    {"name": "Amount", "value": "$54.00", "inline": true},
                    {"name": "Status", "value": "dispute_opened", "inline": true}
                ],
                "timestamp": "2026-11-18T14:02:19.903Z"
            }]
        }),
    ));
    assert_eq!(
        p.sentence_text(),
        "Posts a message with 1 embed to a Discord channel: “⚠️ Dispute opened”"
    );
    let [card] = cards(&p.blocks)[..] else {
        panic!("{:#?}", p.blocks)
    };
    assert_eq!(card.accent, Some([0xE6, 0x7E, 0x22]));
    assert_eq!(card.timestamp.as_deref(), Some("Nov 18, 2026 14:02:19 UTC"));
    let Some(Block::Fields(fields)) = card.body.first() else {
        panic!("{:#?}", card.body)
    };
    assert!(fields.iter().all(|f| f.short));
}

#[test]
fn teams_subscription_card_has_facts() {
    let p = preview::build(&output(
        "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke",
        json!({
            "type": "message",
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "type": "AdaptiveCard", "version": "1.4",
                    "body": [
                        {"type": "TextBlock", "text": "🔄 Subscription Activated", "weight": "Bolder", "size": "Medium"},
                        {"type": "FactSet", "facts": [
                            {"title": "Customer", "value": "Ava Thompson"},
                            {"title": "Amount", "value": "$29.00/Month"}
                        ]}
                    ]
                }
            }]
        }),
    ));
    assert_eq!(p.destination, "Microsoft Teams");
    let text = p.plain_text();
    assert!(text.contains("Subscription Activated"), "{text}");
    assert!(text.contains("Amount: $29.00/Month"), "{text}");
}

#[test]
fn sendgrid_html_receipt_never_shows_script_or_loads_images() {
    let p = preview::build(&output(
        "https://api.sendgrid.com/v3/mail/send",
        json!({
            "personalizations": [{"to": [{"email": "ava.thompson@northwind.io"}]}],
            "from": {"email": "billing@northwind.io", "name": "Northwind"},
            "subject": "Receipt for your payment",
            "content": [
                {"type": "text/plain", "value": "Thanks for your payment of $54.00"},
                {"type": "text/html", "value": "<html><body><h2>Thanks!</h2><p>We received <strong>$54.00</strong>.</p><img src=\"https://track.example/open.gif\" alt=\"\"><script>fetch('https://x')</script><p><a href=\"https://northwind.io/r/1\">View receipt</a></p></body></html>"}
            ]
        }),
    ));
    assert_eq!(
        p.sentence_text(),
        "SendGrid will email ava.thompson@northwind.io with the subject Receipt for your payment"
    );
    let text = p.plain_text();
    // The HTML part wins over the plain part, as in mail clients.
    assert!(
        text.contains("Thanks!\nWe received $54.00.\n[image]\nView receipt"),
        "{text}"
    );
    assert!(!text.contains("fetch"));
    assert!(!text.contains("track.example"));
}

#[test]
fn huge_outputs_are_capped_with_notices() {
    let properties: serde_json::Map<String, Value> = (0..5_000)
        .map(|i| (format!("p{i:04}"), json!("x".repeat(50))))
        .collect();
    let p = preview::build(&output(
        "https://api.segment.io/v1/track",
        json!({"userId": "u", "event": "Big", "properties": properties}),
    ));
    assert!(
        p.sentence_text().ends_with("with 5000 properties"),
        "{}",
        p.sentence_text()
    );
    let rows: usize = p
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table { rows, .. } => rows.len(),
            _ => 0,
        })
        .sum();
    assert!(rows <= MAX_TABLE_ROWS);
    let notices: Vec<&str> = p
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Notice(n) if n.tone == Tone::Truncated => Some(n.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(notices.contains(&"4800 more rows not shown"), "{notices:?}");

    let p = preview::build(&output(
        "https://hooks.slack.com/services/x",
        json!({"text": "y".repeat(200_000)}),
    ));
    let shown: usize = p
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(spans) => spans.iter().map(|s| s.text.chars().count()).sum(),
            _ => 0,
        })
        .sum();
    assert!(shown <= MAX_TEXT_CHARS + 1, "{shown}");
    assert!(
        p.blocks
            .iter()
            .any(|b| matches!(b, Block::Notice(n) if n.text.starts_with("Content truncated"))),
        "{:?}",
        p.blocks.last()
    );
}

#[test]
fn previews_serialise_for_the_cli() {
    let p = preview::cancelled("payment.failed");
    let json = serde_json::to_value(&p).unwrap_or_default();
    assert_eq!(json["destination"], "Nothing is sent");
    let back: preview::Preview = serde_json::from_value(json).unwrap_or_default();
    assert_eq!(back, p);
}

#[test]
fn the_card_decides_the_look_until_a_url_is_entered() {
    let output = hookcraft::engine::Output {
        method: "POST".to_owned(),
        url: hookcraft::engine::DEFAULT_URL.to_owned(),
        headers: std::collections::BTreeMap::new(),
        payload: serde_json::json!({"text": "*Payment received*: 54.00 USD"}),
        cancel: false,
    };
    // No card: a generic JSON body.
    let generic = hookcraft::preview::build(&output);
    assert!(
        !generic.destination.contains("Slack"),
        "{}",
        generic.destination
    );
    // The Slack card: a Slack message, bold text included.
    let slack = hookcraft::preview::build_for_card(&output, Some("slack"));
    assert!(slack.destination.contains("Slack"), "{}", slack.destination);
    assert!(slack.plain_text().contains("Payment received"));
    // A URL that names a destination wins over the card.
    let mut to_discord = output.clone();
    to_discord.url = "https://discord.com/api/webhooks/1/abc".to_owned();
    let discord = hookcraft::preview::build_for_card(&to_discord, Some("slack"));
    assert!(
        discord.destination.contains("Discord"),
        "{}",
        discord.destination
    );
}
