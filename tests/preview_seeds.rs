//! Previews of real transforms: the Segment and Customer.io examples from Dodo's docs
//! (tests/fixtures/seeds) run by the engine over the built-in samples.

use hookcraft::engine::{Output, RunOptions, RunReport, RunRequest, WebhookInput, run_in_process};
use hookcraft::preview::{self, Block, Preview, Tone};
use hookcraft::samples::Library;

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

fn seed(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/seeds/{name}.js",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(code: &str, event_type: &str) -> Output {
    let sample = Library::builtin()
        .by_event_type(event_type)
        .unwrap_or_else(|| panic!("no sample for {event_type}"));
    let report = run_in_process_big_stack(RunRequest {
        code: code.to_owned(),
        input: WebhookInput::new(sample.payload.clone()),
        options: RunOptions::repeatable(),
    });
    match report.result {
        Ok(output) => output,
        Err(e) => panic!("{event_type}: {e:?}"),
    }
}

fn preview_of(seed_name: &str, event_type: &str) -> Preview {
    preview::build(&run(&seed(seed_name), event_type))
}

fn table_rows(preview: &Preview) -> Vec<Vec<String>> {
    preview
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], name: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| c == name))
        .unwrap_or_else(|| panic!("no row {name} in {rows:?}"))
}

#[test]
fn segment_track_payments_on_payment_succeeded() {
    let p = preview_of("segment_track_payments", "payment.succeeded");
    assert_eq!(p.destination, "Segment");
    assert_eq!(
        p.sentence_text(),
        "Segment will record the event Payment Completed for user cus_NFp3… with 6 properties"
    );
    let rows = table_rows(&p);
    // 5400 cents, formatted by the transform as a string.
    assert_eq!(row(&rows, "amount"), ["amount", "54.00", "string"]);
    assert_eq!(
        row(&rows, "customer_email"),
        ["customer_email", "ava.thompson@northwind.io", "string"]
    );
    assert!(p.plain_text().contains("userId: cus_NFp3oNUgZvCj35bTInA9G"));
}

#[test]
fn segment_track_payments_passes_other_events_through() {
    let p = preview_of("segment_track_payments", "refund.succeeded");
    assert_eq!(p.destination, "Webhook");
    assert_eq!(
        p.sentence_text(),
        "Sends (POST) the Dodo refund.succeeded event as it is to webhook.example.com"
    );
}

#[test]
fn segment_identify_and_subscription_seeds() {
    let p = preview_of("segment_identify_customer", "payment.succeeded");
    assert_eq!(
        p.sentence_text(),
        "Segment will update the profile of user cus_NFp3… with 6 traits"
    );
    assert_eq!(
        row(&table_rows(&p), "total_spent"),
        ["total_spent", "54.00", "string"]
    );

    let p = preview_of("segment_track_subscriptions", "subscription.active");
    assert!(
        p.sentence_text()
            .starts_with("Segment will record the event Subscription Started for user cus_NFp3…"),
        "{}",
        p.sentence_text()
    );
    let p = preview_of("segment_track_subscriptions", "subscription.cancelled");
    assert!(
        p.sentence_text().contains("Subscription Cancelled"),
        "{}",
        p.sentence_text()
    );
}

#[test]
fn customerio_seeds_show_their_actions() {
    // The docs' example uses a custom action Track v2 does not know; the preview says so.
    let p = preview_of("customerio_track_payments", "payment.succeeded");
    assert_eq!(p.destination, "Customer.io");
    assert_eq!(
        p.sentence_text(),
        "Customer.io will receive the unknown action payment_completed for person id cus_NFp3…"
    );
    assert_eq!(
        row(&table_rows(&p), "payment_amount"),
        ["payment_amount", "54.00", "string"]
    );

    let p = preview_of("customerio_track_attributes", "payment.succeeded");
    assert_eq!(
        p.sentence_text(),
        "Customer.io will create or update the person id cus_NFp3… with 6 attributes"
    );
}

#[test]
fn a_cancelling_transform_shows_nothing_is_sent() {
    let code = "function handler(webhook) {\n  if (webhook.eventType.startsWith('refund.')) webhook.cancel = true;\n  return webhook;\n}";
    let p = preview::build(&run(code, "refund.succeeded"));
    assert_eq!(
        p.sentence_text(),
        "Nothing is sent: the transform cancels refund.succeeded"
    );
    assert!(matches!(
        p.blocks.as_slice(),
        [Block::Notice(n)] if n.tone == Tone::Cancelled
    ));
    // The same transform lets other events through.
    let p = preview::build(&run(code, "payment.succeeded"));
    assert_eq!(p.destination, "Webhook");
}

#[test]
fn every_sample_through_a_passthrough_previews_without_panicking() {
    let code = "function handler(webhook) { return webhook; }";
    for sample in Library::builtin().iter() {
        let report = run_in_process_big_stack(RunRequest {
            code: code.to_owned(),
            input: WebhookInput::new(sample.payload.clone()),
            options: RunOptions::repeatable(),
        });
        let output = report
            .result
            .unwrap_or_else(|e| panic!("{}: {e:?}", sample.name));
        let p = preview::build(&output);
        assert!(
            p.sentence_text().contains(&sample.event_type),
            "{}: {}",
            sample.name,
            p.sentence_text()
        );
    }
}
