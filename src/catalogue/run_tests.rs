//! Every starter template run on every sample with the real engine, and its output checked
//! against the destination's rules (domain.md §5).

use serde_json::Value;

use super::*;
use crate::engine::{Output, RunOptions, RunRequest, WebhookInput, run_in_process};
use crate::samples::{Library, Sample, Variant};

/// The URL a URL-only endpoint was given (the template must keep it).
const ENDPOINT_URL: &str = "https://hooks.example.com/endpoint/abc123";

fn run(template: &Template, sample: &Sample, url: &str) -> Output {
    let request = RunRequest {
        code: template.code.to_owned(),
        input: WebhookInput::new(sample.payload.clone()).with_url(url),
        options: RunOptions::repeatable(),
    };
    let report = run_in_process(&request);
    match report.result {
        Ok(output) => output,
        Err(e) => panic!(
            "{} on {}: {e:?}\nconsole: {:?}",
            template.id, sample.name, report.console
        ),
    }
}

/// The URL the endpoint has when the card is picked: the API URL, or the user's own URL.
fn endpoint_url(card: &Card) -> &'static str {
    card.default_url.unwrap_or(ENDPOINT_URL)
}

fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The destination's minimum rules for one handled output; returns what is wrong.
fn destination_problems(card: &Card, sample: &Sample, out: &Output) -> Vec<String> {
    let p = &out.payload;
    let data = &sample.payload["data"];
    let mut problems = Vec::new();
    let mut need = |ok: bool, what: &str| {
        if !ok {
            problems.push(what.to_owned());
        }
    };
    need(p.is_object(), "the body is a JSON object");
    need(out.method == "POST", "method is POST");
    match card.id {
        "segment" => {
            need(!str_at(p, "/userId").is_empty(), "userId");
            need(
                chrono::DateTime::parse_from_rfc3339(str_at(p, "/timestamp")).is_ok(),
                "ISO timestamp",
            );
            let id = str_at(p, "/messageId");
            need(
                !id.is_empty() && id.len() < 100,
                "messageId under 100 chars",
            );
            if out.url.ends_with("/v1/track") {
                need(!str_at(p, "/event").is_empty(), "track has an event name");
                need(p["properties"].is_object(), "track has properties");
            } else {
                need(out.url.ends_with("/v1/identify"), "track or identify URL");
                need(p["traits"].is_object(), "identify has traits");
            }
            need(out.body().len() < 32 * 1024, "under 32 KB");
        }
        "customerio" => {
            need(
                out.url == "https://track.customer.io/api/v2/entity",
                "the entity URL",
            );
            need(p["type"] == "person", "type person");
            let ids = p["identifiers"].as_object();
            need(ids.is_some_and(|m| m.len() == 1), "exactly one identifier");
            need(
                ids.is_some_and(|m| {
                    m.keys()
                        .all(|k| ["id", "email", "cio_id", "phone"].contains(&k.as_str()))
                }),
                "identifier is id, email, cio_id or phone",
            );
            match str_at(p, "/action") {
                "event" => need(!str_at(p, "/name").is_empty(), "an event has a name"),
                "identify" => {
                    need(p.get("name").is_none(), "identify has no name");
                    need(
                        p["attributes"]
                            .as_object()
                            .is_some_and(|m| m.values().all(|v| !v.is_null())),
                        "identify sends no null attribute (it would erase the stored value)",
                    );
                }
                other => need(false, &format!("valid action, not {other:?}")),
            }
            let ts = p["timestamp"].as_i64().unwrap_or_default();
            need(
                (1_000_000_000..10_000_000_000).contains(&ts),
                "timestamp in Unix seconds",
            );
            need(p["attributes"].is_object(), "attributes");
        }
        "slack" => {
            need(!str_at(p, "/text").is_empty(), "text");
            need(
                str_at(p, "/text").chars().count() <= 4000,
                "text under 4000 chars",
            );
            need(
                p["attachments"].as_array().is_some_and(|a| !a.is_empty()),
                "attachments",
            );
            need(
                p["attachments"][0]["ts"].is_i64(),
                "attachment ts in seconds",
            );
        }
        "discord" => {
            need(
                str_at(p, "/content").chars().count() <= 2000,
                "content ≤ 2000",
            );
            let embeds = p["embeds"].as_array();
            need(
                embeds.is_some_and(|e| (1..=10).contains(&e.len())),
                "1..10 embeds",
            );
            let embed = &p["embeds"][0];
            need(embed["color"].is_u64(), "integer colour");
            need(
                chrono::DateTime::parse_from_rfc3339(str_at(embed, "/timestamp")).is_ok(),
                "ISO timestamp",
            );
            need(!str_at(embed, "/footer/text").is_empty(), "footer");
            let fields = embed["fields"].as_array().cloned().unwrap_or_default();
            need(fields.len() <= 25, "≤ 25 fields");
            for f in &fields {
                let value = str_at(f, "/value");
                need(
                    !value.is_empty() && value.chars().count() <= 1024,
                    "field value 1..1024",
                );
            }
        }
        "teams" => {
            need(p["type"] == "message", "type message");
            let att = &p["attachments"][0];
            need(
                att["contentType"] == "application/vnd.microsoft.card.adaptive",
                "adaptive card content type",
            );
            need(att["content"]["type"] == "AdaptiveCard", "AdaptiveCard");
            let body = att["content"]["body"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            need(body.iter().any(|b| b["type"] == "FactSet"), "a FactSet");
            for block in body.iter().filter(|b| b["type"] == "TextBlock") {
                if let Some(color) = block.get("color").and_then(Value::as_str) {
                    need(
                        ["Default", "Good", "Warning", "Attention"].contains(&color),
                        "TextBlock colour is Default/Good/Warning/Attention",
                    );
                }
            }
        }
        "sendgrid" => {
            need(
                !str_at(p, "/personalizations/0/to/0/email").is_empty(),
                "a recipient",
            );
            need(!str_at(p, "/from/email").is_empty(), "from.email");
            need(!str_at(p, "/subject").is_empty(), "subject");
            need(
                str_at(p, "/content/0/type") == "text/plain",
                "text/plain first",
            );
            need(!str_at(p, "/content/0/value").is_empty(), "content");
        }
        "resend" => {
            need(!str_at(p, "/from").is_empty(), "from");
            need(!str_at(p, "/to/0").is_empty(), "to");
            need(!str_at(p, "/subject").is_empty(), "subject");
            need(
                !str_at(p, "/html").is_empty() || !str_at(p, "/text").is_empty(),
                "html or text",
            );
        }
        "loops" => {
            let name = str_at(p, "/eventName");
            need(
                !name.is_empty() && !name.contains(':'),
                "eventName without ':'",
            );
            need(!str_at(p, "/email").is_empty(), "email");
            need(
                p.get("properties").is_none(),
                "no `properties` (Loops reads eventProperties)",
            );
            let props = p["eventProperties"].as_object();
            need(props.is_some(), "eventProperties");
            need(
                props.is_some_and(|m| {
                    m.values()
                        .all(|v| v.is_string() || v.is_number() || v.is_boolean())
                }),
                "eventProperties are strings, numbers or booleans",
            );
        }
        "inngest" => {
            need(
                str_at(p, "/name") == format!("dodo/{}", sample.event_type),
                "name dodo/<type>",
            );
            need(p["data"].is_object(), "data object");
            need(
                p["ts"].as_f64().is_some_and(|ts| ts > 1e12),
                "ts in milliseconds",
            );
            need(!str_at(p, "/id").is_empty(), "dedup id");
        }
        "hubspot" => {
            let props = if out.url.ends_with("/batch/upsert") {
                need(p["inputs"][0]["idProperty"] == "email", "upsert by email");
                &p["inputs"][0]["properties"]
            } else {
                need(
                    str_at(p, "/properties/email") == str_at(data, "/customer/email"),
                    "email",
                );
                &p["properties"]
            };
            need(props.is_object(), "properties object");
            if let Some(phone) = data["customer"]["phone_number"].as_str() {
                need(props["phone"] == phone, "phone from customer.phone_number");
            }
        }
        "close" => {
            need(!str_at(p, "/name").is_empty(), "name");
            if let Some(phone) = data["customer"]["phone_number"].as_str() {
                need(
                    str_at(p, "/phones/0/phone") == phone,
                    "phone from customer.phone_number",
                );
            }
            need(
                str_at(p, "/emails/0/email") == str_at(data, "/customer/email"),
                "email",
            );
        }
        "zapier" | "windmill" => {
            need(str_at(p, "/event_type") == sample.event_type, "event_type");
            need(
                p.as_object()
                    .is_some_and(|m| m.values().all(|v| !v.is_object())),
                "flat",
            );
        }
        "webhook" => {}
        other => need(false, &format!("no rules for card {other}")),
    }
    problems
}

/// Runs `template` on the samples that matter for it and returns what is wrong: every variant
/// (realistic, placeholder, currency) of the event types it handles, and one realistic sample
/// of every event group it does not handle.
fn check_template(card: &Card, template: &Template, library: &Library) -> Vec<String> {
    let mut failures = Vec::new();
    let mut handled_any = false;
    let mut unhandled_groups = std::collections::BTreeSet::new();
    for sample in library.iter() {
        let handled = template.handles(&sample.event_type);
        let realistic = !matches!(sample.variant, Variant::Placeholder);
        // Unhandled events: one realistic sample per group is enough to see the cancel (each
        // run costs tens of ms in a debug build).
        if !handled
            && (!matches!(sample.variant, Variant::Realistic)
                || !unhandled_groups.insert(sample.group.clone()))
        {
            continue;
        }
        let out = run(template, sample, endpoint_url(card));
        let label = format!("{}/{} on {}", card.id, template.id, sample.name);
        if !handled {
            if card.is_third_party() && !out.cancel {
                failures.push(format!("{label}: unhandled event is not cancelled"));
            }
            continue;
        }
        if !realistic {
            continue; // Placeholders only have to run without throwing.
        }
        handled_any = true;
        if out.cancel {
            failures.push(format!("{label}: a handled event was cancelled"));
            continue;
        }
        match card.default_url {
            Some(url) if origin(&out.url) != origin(url) => {
                failures.push(format!("{label}: sent to {} instead of {url}", out.url));
            }
            None if out.url != ENDPOINT_URL => {
                failures.push(format!("{label}: changed the endpoint URL to {}", out.url));
            }
            _ => {}
        }
        for problem in destination_problems(card, sample, &out) {
            failures.push(format!("{label}: {problem}\n{}", out.pretty_body()));
        }
    }
    if !handled_any {
        failures.push(format!("{}/{} handled no sample", card.id, template.id));
    }
    failures
}

#[test]
fn every_template_runs_on_every_sample_and_obeys_its_destination() {
    let library = Library::builtin();
    assert!(library.len() >= 48, "the sample library is incomplete");
    let jobs: Vec<(&Card, &Template)> = cards()
        .iter()
        .flat_map(|c| c.templates.iter().map(move |t| (c, t)))
        .collect();
    // Two threads: each run is independent (a fresh boa context per run).
    let failures: Vec<String> = std::thread::scope(|scope| {
        let halves = jobs.split_at(jobs.len() / 2);
        let handles = [halves.0, halves.1].map(|half| {
            scope.spawn(move || {
                half.iter()
                    .flat_map(|(c, t)| check_template(c, t, library))
                    .collect::<Vec<_>>()
            })
        });
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_webhook_templates_keep_the_envelope() {
    let card = card("webhook").unwrap();
    let sample = Library::builtin().get("payment.succeeded").unwrap();
    let out = run(card.template("passthrough").unwrap(), sample, ENDPOINT_URL);
    assert_eq!(out.payload, sample.payload);
    assert!(out.headers.is_empty() && !out.cancel);

    let out = run(card.template("add_header").unwrap(), sample, ENDPOINT_URL);
    assert_eq!(out.payload, sample.payload);
    assert_eq!(
        out.headers.get("X-Dodo-Event-Type").map(String::as_str),
        Some("payment.succeeded")
    );
    assert!(!out.headers.contains_key("Authorization"));
    let request = RunRequest {
        code: card.template("add_header").unwrap().code.to_owned(),
        input: WebhookInput::new(sample.payload.clone())
            .with_env([("API_TOKEN".to_owned(), "tok_123".to_owned())].into()),
        options: RunOptions::repeatable(),
    };
    let out = run_in_process(&request).result.unwrap();
    assert_eq!(
        out.headers.get("Authorization").map(String::as_str),
        Some("Bearer tok_123")
    );
}

#[test]
fn amounts_use_the_currency_exponent() {
    let library = Library::builtin();
    let segment = card("segment").unwrap().template("track_payments").unwrap();
    let mut seen = 0;
    for sample in library
        .iter()
        .filter(|s| s.event_type == "payment.succeeded")
    {
        let out = run(segment, sample, endpoint_url(card("segment").unwrap()));
        let minor = sample.payload["data"]["total_amount"].as_f64().unwrap();
        let currency = sample.payload["data"]["currency"]
            .as_str()
            .unwrap_or_default();
        let exponent = match currency {
            "JPY" | "KRW" => 0,
            "KWD" | "BHD" | "JOD" | "OMR" | "TND" => 3,
            _ => 2,
        };
        let total = out.payload["properties"]["total"].as_f64().unwrap();
        let expected = minor / 10f64.powi(exponent);
        assert!(
            (total - expected).abs() < 1e-9,
            "{}: {total} != {expected}",
            sample.name
        );
        if exponent != 2 {
            seen += 1;
        }
    }
    assert!(seen >= 2, "the library should hold a JPY and a KWD payment");

    // The same rule in text: JPY has no decimals, KWD three.
    let slack = card("slack").unwrap().template("billing_alerts").unwrap();
    if let Some(jpy) = library.get("payment.succeeded.jpy") {
        let text = run(slack, jpy, ENDPOINT_URL).payload["text"]
            .as_str()
            .unwrap()
            .to_owned();
        let minor = jpy.payload["data"]["total_amount"].as_i64().unwrap();
        assert!(text.contains(&format!("{minor} JPY")), "{text}");
    }
    if let Some(kwd) = library.get("payment.succeeded.kwd") {
        let text = run(slack, kwd, ENDPOINT_URL).payload["text"]
            .as_str()
            .unwrap()
            .to_owned();
        let minor = kwd.payload["data"]["total_amount"].as_i64().unwrap();
        let major = format!("{}.{:03} KWD", minor / 1000, minor % 1000);
        assert!(text.contains(&major), "{text} lacks {major}");
    }
}

#[test]
fn inngest_times_are_milliseconds_and_customerio_times_are_seconds() {
    let sample = Library::builtin().get("subscription.active").unwrap();
    let expected_ms =
        chrono::DateTime::parse_from_rfc3339(sample.payload["timestamp"].as_str().unwrap())
            .unwrap()
            .timestamp_millis();
    let inngest = card("inngest").unwrap();
    let out = run(&inngest.templates[0], sample, ENDPOINT_URL);
    assert_eq!(out.payload["ts"].as_i64(), Some(expected_ms));

    let cio = card("customerio").unwrap();
    let out = run(
        cio.template("track_subscriptions").unwrap(),
        sample,
        endpoint_url(cio),
    );
    assert_eq!(out.payload["timestamp"].as_i64(), Some(expected_ms / 1000));
    assert_eq!(out.payload["name"], "subscription_active");
}
