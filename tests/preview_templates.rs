//! Previews of the catalogue's starter templates, run by the engine over the built-in samples.

use hookcraft::catalogue::{self, Card};
use hookcraft::engine::{Output, RunOptions, RunReport, RunRequest, WebhookInput, run_in_process};
use hookcraft::preview::{self, Block, Preview, Tone};
use hookcraft::samples::{EVENT_TYPES, Library};

/// Runs `request` in process on a thread with a big stack, as the engine's worker does
/// (boa recurses deeply in debug builds; a test thread's 2 MiB is not enough).
fn run_in_process_big_stack(request: RunRequest) -> RunReport {
    std::thread::Builder::new()
        .name("engine-run".to_owned())
        .stack_size(256 * 1024 * 1024)
        .spawn(move || run_in_process(&request))
        .expect("spawn the run thread")
        .join()
        .expect("the run thread panicked")
}

/// The URL the endpoint would have: the card's fixed API URL or an example of what the user
/// pastes (Slack, Discord, Teams, Zapier, … keep the endpoint URL).
fn endpoint_url(card: &Card) -> &'static str {
    card.default_url.unwrap_or(card.url_placeholder)
}

fn run(card_id: &str, template_id: &str, event_type: &str) -> Output {
    let card = catalogue::card(card_id).unwrap_or_else(|| panic!("no card {card_id}"));
    let template = card
        .templates
        .iter()
        .find(|t| t.id == template_id)
        .unwrap_or_else(|| panic!("no template {card_id}/{template_id}"));
    let sample = Library::builtin()
        .by_event_type(event_type)
        .unwrap_or_else(|| panic!("no sample {event_type}"));
    let report = run_in_process_big_stack(RunRequest {
        code: template.code.to_owned(),
        input: WebhookInput::new(sample.payload.clone()).with_url(endpoint_url(card)),
        options: RunOptions::repeatable(),
    });
    report
        .result
        .unwrap_or_else(|e| panic!("{card_id}/{template_id} on {event_type}: {e:?}"))
}

fn preview_of(card_id: &str, template_id: &str, event_type: &str) -> Preview {
    preview::build(&run(card_id, template_id, event_type))
}

fn first_card(p: &Preview) -> &hookcraft::preview::Card {
    p.blocks
        .iter()
        .find_map(|b| match b {
            Block::Card(card) => Some(card),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no card in {:#?}", p.blocks))
}

fn field_value(card: &hookcraft::preview::Card, label: &str) -> String {
    card.body
        .iter()
        .filter_map(|b| match b {
            Block::Fields(fields) => Some(fields),
            _ => None,
        })
        .flatten()
        .find(|f| f.label == label)
        .map(|f| preview::spans_text(&f.value))
        .unwrap_or_else(|| panic!("no field {label} in {:#?}", card.body))
}

#[test]
fn slack_billing_alert_for_a_payment_shows_the_formatted_amount() {
    let p = preview_of("slack", "billing_alerts", "payment.succeeded");
    assert_eq!(p.destination, "Slack");
    assert_eq!(
        p.sentence_text(),
        "Posts a message with 1 attachment to a Slack channel: “✅ Payment received: 54.00 USD \
         from Ava Thompson”"
    );
    let card = first_card(&p);
    assert_eq!(card.accent, Some([0x2E, 0xB6, 0x7D]), "good = green bar");
    assert_eq!(field_value(card, "Amount"), "54.00 USD");
    assert_eq!(field_value(card, "Payment ID"), "pay_FYRerhhKom1GnX0iuDXjZ");
    assert_eq!(
        card.footer.as_deref(),
        Some("Dodo Payments | payment.succeeded")
    );
    assert_eq!(card.timestamp.as_deref(), Some("Nov 18, 2026 14:02 UTC"));
}

#[test]
fn slack_billing_alert_colours_and_skips() {
    let failed = preview_of("slack", "billing_alerts", "payment.failed");
    assert_eq!(
        first_card(&failed).accent,
        Some([0xE0, 0x1E, 0x5A]),
        "danger = red bar"
    );
    assert!(
        failed.sentence_text().contains("Payment failed"),
        "{}",
        failed.sentence_text()
    );

    let skipped = preview_of("slack", "billing_alerts", "license_key.created");
    assert_eq!(
        skipped.sentence_text(),
        "Nothing is sent: the transform cancels license_key.created"
    );
    assert!(matches!(
        skipped.blocks.as_slice(),
        [Block::Notice(n)] if n.tone == Tone::Cancelled
    ));
}

#[test]
fn discord_and_teams_billing_alerts() {
    let p = preview_of("discord", "billing_alerts", "subscription.active");
    assert_eq!(p.destination, "Discord");
    assert!(
        p.sentence_text()
            .starts_with("Posts a message with 1 embed to a Discord channel")
    );
    let card = first_card(&p);
    assert!(card.accent.is_some());
    assert!(
        p.plain_text().contains("New subscription"),
        "{}",
        p.plain_text()
    );

    let p = preview_of("teams", "billing_alerts", "payment.succeeded");
    assert_eq!(p.destination, "Microsoft Teams");
    assert!(
        p.sentence_text()
            .starts_with("Posts an Adaptive Card to a Microsoft Teams channel"),
        "{}",
        p.sentence_text()
    );
    assert!(
        p.plain_text().contains("Amount: 54.00 USD"),
        "{}",
        p.plain_text()
    );
}

#[test]
fn email_templates_show_envelope_and_body() {
    for card in ["sendgrid", "resend"] {
        let p = preview_of(card, "customer_emails", "payment.succeeded");
        assert!(
            p.sentence_text().ends_with("with the subject Your receipt"),
            "{card}: {}",
            p.sentence_text()
        );
        let Some(Block::Envelope(envelope)) = p.blocks.first() else {
            panic!("{card}: {:#?}", p.blocks)
        };
        assert!(
            envelope
                .to
                .iter()
                .any(|to| to.contains("ava.thompson@northwind.io"))
        );
        assert!(
            p.plain_text()
                .contains("We received your payment of 54.00 USD."),
            "{card}: {}",
            p.plain_text()
        );
    }
    let p = preview_of("loops", "track_events", "payment.failed");
    assert!(
        p.sentence_text()
            .starts_with("Loops will record the event paymentFailed for "),
        "{}",
        p.sentence_text()
    );
}

#[test]
fn analytics_and_crm_templates() {
    let p = preview_of("segment", "track_payments", "payment.succeeded");
    assert_eq!(
        p.sentence_text(),
        "Segment will record the event Order Completed for user cus_NFp3… with 8 properties"
    );
    let p = preview_of("customerio", "track_payments", "refund.succeeded");
    assert!(
        p.sentence_text()
            .starts_with("Customer.io will record the event refund_succeeded"),
        "{}",
        p.sentence_text()
    );
    assert!(
        p.plain_text()
            .contains("A campaign triggered by the event refund_succeeded")
    );
    let p = preview_of("hubspot", "create_contact", "payment.succeeded");
    assert_eq!(
        p.sentence_text(),
        "HubSpot will create a contact with 9 properties"
    );
    let p = preview_of("close", "create_contact", "payment.succeeded");
    assert_eq!(
        p.sentence_text(),
        "Close will create a contact Ava Thompson with 3 fields"
    );
    let p = preview_of("inngest", "send_events", "dispute.opened");
    assert!(
        p.sentence_text()
            .starts_with("Inngest will receive the event dodo/dispute.opened"),
        "{}",
        p.sentence_text()
    );
    let p = preview_of("zapier", "key_fields", "payment.succeeded");
    assert_eq!(p.destination, "Zapier");
}

/// What every template's output must preview as (or a cancel): a template never sends the raw
/// Dodo envelope to an API that cannot read it.
fn expected_destination(card_id: &str) -> &'static str {
    match card_id {
        "slack" => "Slack",
        "discord" => "Discord",
        "teams" => "Microsoft Teams",
        "hubspot" => "HubSpot",
        "close" => "Close",
        "sendgrid" => "SendGrid",
        "customerio" => "Customer.io",
        "zapier" => "Zapier",
        "windmill" => "Windmill",
        "inngest" => "Inngest",
        "resend" => "Resend",
        "loops" => "Loops",
        "segment" => "Segment",
        _ => "Webhook",
    }
}

#[test]
fn every_template_on_every_event_group_previews_as_its_destination() {
    let library = Library::builtin();
    // The first two event types of each group keep the run short and reach every schema.
    let mut events: Vec<&str> = Vec::new();
    for event in EVENT_TYPES {
        let same_group = events
            .iter()
            .filter(|e| e.split('.').next() == Some(event.group))
            .count();
        if same_group < 2 {
            events.push(event.name);
        }
    }
    let mut checked = 0;
    for card in catalogue::cards() {
        for template in card.templates {
            for event in &events {
                let Some(sample) = library.by_event_type(event) else {
                    panic!("no sample for {event}");
                };
                let report = run_in_process_big_stack(RunRequest {
                    code: template.code.to_owned(),
                    input: WebhookInput::new(sample.payload.clone()).with_url(endpoint_url(card)),
                    options: RunOptions::repeatable(),
                });
                let where_ = format!("{}/{} on {event}", card.id, template.id);
                let output = report.result.unwrap_or_else(|e| panic!("{where_}: {e:?}"));
                let p = preview::build(&output);
                if output.cancel {
                    assert_eq!(p.destination, "Nothing is sent", "{where_}");
                    assert!(p.sentence_text().contains(event), "{where_}");
                } else {
                    assert_eq!(p.destination, expected_destination(card.id), "{where_}");
                    assert!(!p.blocks.is_empty(), "{where_}");
                }
                checked += 1;
            }
        }
    }
    assert!(events.len() >= 18, "{events:?}");
    assert!(checked >= 14 * 18, "{checked}");
}
