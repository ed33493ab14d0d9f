//! Behaviour lints: run the transform over the sample library and read its code to find what
//! the destination validators cannot see from one output:
//! - an event type that passes through unchanged, so the raw Dodo envelope goes to a
//!   third-party API (`lint.raw_envelope`, `lint.unhandled_passthrough`);
//! - `/ 100` on a zero- or three-decimal currency (`lint.minor_units`, `lint.divide_by_100`);
//! - reading a field the event's schema does not have, e.g. `customer.phone`
//!   (`lint.field_not_in_schema`), found by running each sample through a recording proxy;
//! - comparing an enum field with a value outside its enum, e.g. `dispute_status === "won"`
//!   (`lint.enum_value`), or `eventType` with an unknown event type (`lint.unknown_event_type`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::destination::destination_for;
use super::scan::{self, Access, Token};
use super::{RunFn, SampleRef, Severity, schema_facts};
use crate::engine::{RunOptions, RunRequest, WebhookInput};

/// One behaviour problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LintFinding {
    /// How bad it is.
    pub severity: Severity,
    /// The sample that shows it; empty for findings read from the code alone.
    pub sample: String,
    /// The JSON path concerned (`payload`, `data.customer.phone`, an output path).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to change.
    pub fix: String,
    /// The code line (1-based), when known.
    pub line: Option<u32>,
    /// A stable id such as `lint.minor_units`.
    pub rule: &'static str,
}

/// The console marker the recording proxy prints before each missing-field read.
const READ_MARKER: &str = "__hookcraft_read__ ";

/// Appended to the user's code (so their line numbers do not move): wraps `handler` so that
/// `webhook.payload` is a proxy that logs every read of a property that is not there.
const RECORDER: &str = r#"
;(function () {
  if (typeof handler !== "function") return;
  var inner = handler;
  var skip = { toJSON: 1, then: 1, constructor: 1, valueOf: 1, toString: 1, length: 1,
    hasOwnProperty: 1, toISOString: 1, toLocaleString: 1, inspect: 1 };
  function wrap(v, path) {
    if (v === null || typeof v !== "object") return v;
    return new Proxy(v, { get: function (t, k, r) {
      if (typeof k !== "string") return Reflect.get(t, k, r);
      var p = Array.isArray(t) ? path + "[" + k + "]" : (path ? path + "." + k : k);
      if (!(k in t)) { if (!skip[k]) console.log("__hookcraft_read__ " + p); return undefined; }
      return wrap(Reflect.get(t, k, r), p);
    } });
  }
  try { handler = function (w) { w.payload = wrap(w.payload, ""); return inner(w); }; } catch (e) {}
})();
"#;

/// Runs `code` over `samples` (each POSTed to `url` with `env`) and reads the code; returns
/// every behaviour problem found, errors first.
pub fn lint_transform(
    run: &RunFn<'_>,
    code: &str,
    samples: &[SampleRef<'_>],
    url: &str,
    env: &BTreeMap<String, String>,
) -> Vec<LintFinding> {
    let tokens = scan::tokenize(code);
    let aliases = scan::aliases(&tokens);
    let chains: Vec<(Vec<Access>, u32)> = scan::chains(&tokens)
        .iter()
        .filter(|c| !scan::is_assignment_target(&tokens, c))
        .filter_map(|c| scan::resolve(&aliases, c).map(|p| (p, c.line)))
        .collect();
    let div_lines = scan::divisions_by_100(&tokens);
    let third_party_literal = scan::url_literals(&tokens)
        .into_iter()
        .find(|(u, _)| destination_for(u).is_third_party());

    let mut out = Vec::new();
    let mut seen: BTreeSet<(&'static str, String, String)> = BTreeSet::new();
    let mut minor_units_found = false;
    // (sample, event type, destination label or URL) of unchanged outputs.
    let mut raw_hits: Vec<(String, String, String)> = Vec::new();
    let mut pass_hits: Vec<(String, String, String)> = Vec::new();
    for sample in samples {
        let event_type = sample.event_type();
        let input = WebhookInput::new(sample.payload.clone())
            .with_url(url)
            .with_env(env.clone());
        let report = run(&RunRequest {
            code: code.to_owned(),
            input: input.clone(),
            options: RunOptions::repeatable(),
        });
        if let Ok(output) = &report.result {
            if !output.cancel && output.payload == input.payload {
                let dest = destination_for(&output.url);
                if dest.is_third_party() {
                    raw_hits.push((sample.name.to_owned(), event_type.clone(), dest.label()));
                } else if third_party_literal.is_some() {
                    pass_hits.push((
                        sample.name.to_owned(),
                        event_type.clone(),
                        output.url.clone(),
                    ));
                }
            }
            if let Some(found) = minor_units_division(sample.payload, &output.payload) {
                minor_units_found = true;
                out.push(LintFinding {
                    severity: Severity::Error,
                    sample: sample.name.to_owned(),
                    path: found.path,
                    message: format!(
                        "{} {} is {} in minor units of a {}-decimal currency, but the output shows {}: dividing by 100 is wrong for {}",
                        found.field, found.amount, found.currency, found.exponent, found.shown, found.currency
                    ),
                    fix: "Divide by 10 ** exponent for the currency: 1 for JPY (0 decimals), 1000 for KWD (3 decimals), 100 for most others.".into(),
                    line: div_lines.first().copied(),
                    rule: "lint.minor_units",
                });
            }
        }
        // Missing-field reads, recorded by the proxy.
        let traced = run(&RunRequest {
            code: format!("{code}\n{RECORDER}"),
            input,
            options: RunOptions::repeatable(),
        });
        for line in &traced.console {
            let Some(path) = line.message.strip_prefix(READ_MARKER) else {
                continue;
            };
            if schema_facts::field_exists(&event_type, path) != Some(false) {
                continue;
            }
            if !seen.insert((
                "lint.field_not_in_schema",
                event_type.clone(),
                path.to_owned(),
            )) {
                continue;
            }
            out.push(LintFinding {
                severity: Severity::Warning,
                sample: sample.name.to_owned(),
                path: path.to_owned(),
                message: format!("the code reads `{path}`, which {event_type} payloads never have, so it is always undefined"),
                fix: field_fix(path),
                line: line_of_read(&chains, path),
                rule: "lint.field_not_in_schema",
            });
        }
    }
    if let Some((first, _, label)) = raw_hits.first() {
        out.push(LintFinding {
            severity: Severity::Error,
            sample: first.clone(),
            path: "payload".into(),
            message: format!(
                "{} pass through unchanged: the raw Dodo envelope would be posted to {label}, which does not understand it",
                event_list(&raw_hits)
            ),
            fix: "Handle these event types, or set `webhook.cancel = true` for events you do not forward (or unsubscribe the endpoint from them).".into(),
            line: None,
            rule: "lint.raw_envelope",
        });
    }
    if let (Some((first, _, url)), Some((lit, line))) = (pass_hits.first(), &third_party_literal) {
        out.push(LintFinding {
            severity: Severity::Warning,
            sample: first.clone(),
            path: "payload".into(),
            message: format!(
                "{} are not handled and pass through unchanged to the endpoint URL ({url}), while handled events go to {}: if the endpoint points at that API, it receives raw Dodo envelopes",
                event_list(&pass_hits),
                destination_for(lit).label()
            ),
            fix: "Set `webhook.cancel = true` for event types you do not forward, or unsubscribe the endpoint from them.".into(),
            line: Some(*line),
            rule: "lint.unhandled_passthrough",
        });
    }
    if !minor_units_found {
        for line in &div_lines {
            out.push(LintFinding {
                severity: Severity::Warning,
                sample: String::new(),
                path: String::new(),
                message: "dividing an amount by 100 is wrong for zero-decimal currencies (JPY: ¥1000 becomes 10.00) and three-decimal ones (KWD)".into(),
                fix: "Divide by 10 ** exponent for the currency: 1 for JPY, 1000 for KWD, 100 for most others.".into(),
                line: Some(*line),
                rule: "lint.divide_by_100",
            });
        }
    }
    out.extend(enum_comparisons(&tokens, &aliases));
    out.sort_by_key(|f| f.severity);
    out
}

/// "3 event types (a, b, c)" with at most 8 names, each event type once.
fn event_list(hits: &[(String, String, String)]) -> String {
    let mut types: Vec<&str> = Vec::new();
    for (_, t, _) in hits {
        if !types.contains(&t.as_str()) {
            types.push(t);
        }
    }
    let shown = types.iter().take(8).copied().collect::<Vec<_>>().join(", ");
    let more = types.len().saturating_sub(8);
    let noun = if types.len() == 1 {
        "event type"
    } else {
        "event types"
    };
    if more > 0 {
        format!("{} {noun} ({shown} and {more} more)", types.len())
    } else {
        format!("{} {noun} ({shown})", types.len())
    }
}

/// The fix for reading a field the schema lacks.
fn field_fix(path: &str) -> String {
    let last = path.rsplit(['.', '[']).next().unwrap_or(path);
    match last {
        "phone" => "Use `customer.phone_number` (it may be null).".into(),
        "company" => "Dodo's customer has no company; use `customer_business_name` on subscriptions, or metadata.".into(),
        "product_id" if path.starts_with("data.") => {
            "A Payment has no product_id; read `data.product_cart[0].product_id` (it may be null).".into()
        }
        "customer" => "This event has no nested customer (license keys carry `customer_id`); guard with `?.` or handle the event type separately.".into(),
        _ => format!("Remove the read, or check the event type first and guard with `?.`: `{last}` is not in this payload."),
    }
}

/// The line of the first read whose resolved path starts with `payload.<path>`.
fn line_of_read(chains: &[(Vec<Access>, u32)], path: &str) -> Option<u32> {
    let want: Vec<&str> = std::iter::once("payload").chain(path.split('.')).collect();
    chains
        .iter()
        .find(|(p, _)| p.len() >= want.len() && p.iter().zip(&want).all(|(a, w)| a.name == *w))
        .map(|(_, line)| *line)
}

/// An amount shown as if divided by 100 although the currency has 0 or 3 decimals.
struct MinorUnits {
    field: String,
    amount: i64,
    currency: String,
    exponent: u32,
    shown: String,
    path: String,
}

fn minor_units_division(input: &Value, output: &Value) -> Option<MinorUnits> {
    let data = input.get("data")?;
    let currency = data.get("currency").and_then(Value::as_str)?.to_owned();
    let exponent = schema_facts::currency_exponent(&currency);
    if exponent == 2 {
        return None;
    }
    let map = data.as_object()?;
    for (field, v) in map {
        let Some(amount) = v.as_i64() else { continue };
        if !field.contains("amount") || amount == 0 {
            continue;
        }
        #[expect(clippy::cast_precision_loss, reason = "amounts are far below 2^52")]
        let divided = amount as f64 / 100.0;
        let fixed = format!("{divided:.2}");
        if let Some((path, shown)) = find_value(output, "payload", &|v| match v {
            Value::Number(n) => {
                n.as_f64().is_some_and(|x| (x - divided).abs() < 1e-9) && divided.fract() != 0.0
            }
            Value::String(s) => contains_number(s, &fixed),
            _ => false,
        }) {
            return Some(MinorUnits {
                field: format!("data.{field}"),
                amount,
                currency,
                exponent,
                shown,
                path,
            });
        }
    }
    None
}

/// `true` when `number` appears in `s` as a whole number (not inside a longer one).
fn contains_number(s: &str, number: &str) -> bool {
    s.match_indices(number).any(|(i, m)| {
        let before = s[..i].chars().next_back();
        let after = s[i + m.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

fn find_value(v: &Value, path: &str, pred: &dyn Fn(&Value) -> bool) -> Option<(String, String)> {
    match v {
        Value::Object(m) => m
            .iter()
            .find_map(|(k, v)| find_value(v, &format!("{path}.{k}"), pred)),
        Value::Array(l) => l
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_value(v, &format!("{path}[{i}]"), pred)),
        other if pred(other) => Some((path.to_owned(), other.to_string())),
        _ => None,
    }
}

/// `x.dispute_status === "won"` and `webhook.eventType === "payment.succeded"`.
fn enum_comparisons(
    tokens: &[Token],
    aliases: &std::collections::HashMap<String, Vec<String>>,
) -> Vec<LintFinding> {
    let mut out = Vec::new();
    for cmp in scan::comparisons(tokens) {
        let Some(path) = scan::resolve(aliases, &cmp.chain) else {
            continue;
        };
        let names: Vec<&str> = path.iter().map(|a| a.name.as_str()).collect();
        let lit = cmp.literal.as_str();
        match names.as_slice() {
            ["eventType"] | ["payload", "type"] if !schema_facts::EVENT_TYPES.contains(&lit) => {
                let close = closest(lit, schema_facts::EVENT_TYPES);
                out.push(LintFinding {
                    severity: Severity::Error,
                    sample: String::new(),
                    path: names.join("."),
                    message: format!(
                        "{lit:?} is not a Dodo event type, so this comparison is never true"
                    ),
                    fix: close.map_or_else(
                        || "Use one of the 48 event types, e.g. \"payment.succeeded\".".to_owned(),
                        |c| format!("Did you mean {c:?}?"),
                    ),
                    line: Some(cmp.line),
                    rule: "lint.unknown_event_type",
                });
            }
            ["payload", rest @ ..] if !rest.is_empty() => {
                let field_path = rest.join(".");
                let mut allowed: Vec<&str> = Vec::new();
                for et in schema_facts::EVENT_TYPES {
                    if let Some(values) = schema_facts::enum_values(et, &field_path) {
                        for v in values.iter().copied() {
                            if !allowed.contains(&v) {
                                allowed.push(v);
                            }
                        }
                    }
                }
                if allowed.is_empty() || allowed.contains(&lit) {
                    continue;
                }
                let close = closest(lit, &allowed);
                out.push(LintFinding {
                    severity: Severity::Error,
                    sample: String::new(),
                    path: field_path.clone(),
                    message: format!(
                        "`{field_path}` is never {lit:?} (it is one of {}), so this comparison is never true",
                        allowed.join(", ")
                    ),
                    fix: close.map_or_else(
                        || format!("Compare with one of: {}.", allowed.join(", ")),
                        |c| format!("Compare with {c:?}."),
                    ),
                    line: Some(cmp.line),
                    rule: "lint.enum_value",
                });
            }
            _ => {}
        }
    }
    out
}

/// The allowed value that contains `lit` or is contained by it, else the one at the
/// smallest edit distance (at most a third of its length).
fn closest<'a>(lit: &str, allowed: &[&'a str]) -> Option<&'a str> {
    if let Some(v) = allowed
        .iter()
        .find(|v| v.ends_with(&format!("_{lit}")) || v.ends_with(&format!(".{lit}")))
    {
        return Some(v);
    }
    allowed
        .iter()
        .map(|v| (edit_distance(lit, v), *v))
        .filter(|(d, v)| *d <= v.len() / 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use super::*;
    use crate::engine::run_in_process;

    const SEGMENT_PAYMENTS: &str =
        include_str!("../../tests/fixtures/seeds/segment_track_payments.js");
    const CUSTOMERIO_PAYMENTS: &str =
        include_str!("../../tests/fixtures/seeds/customerio_track_payments.js");

    fn payment(currency: &str, amount: i64) -> Value {
        json!({
            "business_id": "bus_1", "type": "payment.succeeded", "timestamp": "2026-01-01T00:00:00Z",
            "data": {"payload_type": "Payment", "payment_id": "pay_1", "currency": currency, "total_amount": amount,
                     "payment_method": "card",
                     "customer": {"customer_id": "cus_1", "email": "a@b.co", "name": "Ann", "phone_number": null}}
        })
    }

    fn license_key() -> Value {
        json!({"business_id": "bus_1", "type": "license_key.created", "timestamp": "2026-01-01T00:00:00Z",
               "data": {"payload_type": "LicenseKey", "id": "lic_1", "customer_id": "cus_1", "product_id": "pdt_1"}})
    }

    fn dispute() -> Value {
        json!({"business_id": "bus_1", "type": "dispute.won", "timestamp": "2026-01-01T00:00:00Z",
               "data": {"payload_type": "Dispute", "dispute_id": "dsp_1", "dispute_status": "dispute_won", "amount": "10.00", "currency": "USD",
                        "customer": {"customer_id": "cus_1", "email": "a@b.co", "name": "Ann"}}})
    }

    fn lint(code: &str, samples: &[(&str, Value)], url: &str) -> Vec<LintFinding> {
        let refs: Vec<SampleRef<'_>> = samples
            .iter()
            .map(|(n, p)| SampleRef {
                name: n,
                payload: p,
            })
            .collect();
        lint_transform(&run_in_process, code, &refs, url, &BTreeMap::new())
    }

    fn rules(findings: &[LintFinding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn divide_by_100_on_jpy_is_an_error_with_the_line() {
        let f = lint(
            SEGMENT_PAYMENTS,
            &[("payment.succeeded.jpy", payment("JPY", 4980))],
            "",
        );
        let hit = f
            .iter()
            .find(|f| f.rule == "lint.minor_units")
            .expect("minor units finding");
        assert_eq!(hit.severity, Severity::Error);
        assert_eq!(hit.sample, "payment.succeeded.jpy");
        assert_eq!(hit.path, "payload.properties.amount");
        let line = SEGMENT_PAYMENTS
            .lines()
            .position(|l| l.contains("/ 100"))
            .unwrap()
            + 1;
        assert_eq!(hit.line, Some(u32::try_from(line).unwrap()));
        // KWD (three decimals) too.
        let f = lint(
            SEGMENT_PAYMENTS,
            &[("payment.succeeded.kwd", payment("KWD", 12_345))],
            "",
        );
        assert!(rules(&f).contains(&"lint.minor_units"));
    }

    #[test]
    fn divide_by_100_on_usd_only_warns_from_the_code() {
        let f = lint(
            SEGMENT_PAYMENTS,
            &[("payment.succeeded", payment("USD", 4900))],
            "",
        );
        assert!(!rules(&f).contains(&"lint.minor_units"));
        let warn = f
            .iter()
            .find(|f| f.rule == "lint.divide_by_100")
            .expect("static warning");
        assert_eq!(warn.severity, Severity::Warning);
        // A transform that uses the exponent is clean.
        let good = "function handler(webhook) { const d = webhook.payload.data; const exp = {JPY: 0, KWD: 3}[d.currency] ?? 2; webhook.payload = {amount: d.total_amount / 10 ** exp}; return webhook; }";
        let f = lint(good, &[("payment.succeeded.jpy", payment("JPY", 4980))], "");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn raw_envelope_to_segment_and_unhandled_passthrough() {
        // The endpoint points at Segment: an unhandled license key goes there raw.
        let f = lint(
            SEGMENT_PAYMENTS,
            &[("license_key.created", license_key())],
            "https://api.segment.io/v1/track",
        );
        let hit = f
            .iter()
            .find(|f| f.rule == "lint.raw_envelope")
            .expect("raw envelope");
        assert_eq!(hit.severity, Severity::Error);
        assert!(
            hit.message.contains("license_key.created"),
            "{}",
            hit.message
        );
        // Several unhandled event types give one finding that lists them.
        let f = lint(
            SEGMENT_PAYMENTS,
            &[
                ("license_key.created", license_key()),
                ("dispute.won", dispute()),
            ],
            "https://api.segment.io/v1/track",
        );
        let hits: Vec<&LintFinding> = f.iter().filter(|f| f.rule == "lint.raw_envelope").collect();
        assert_eq!(hits.len(), 1);
        assert!(
            hits[0]
                .message
                .starts_with("2 event types (license_key.created, dispute.won)"),
            "{}",
            hits[0].message
        );
        // With the default URL it is a warning naming the API the code targets.
        let f = lint(
            SEGMENT_PAYMENTS,
            &[("license_key.created", license_key())],
            "",
        );
        let hit = f
            .iter()
            .find(|f| f.rule == "lint.unhandled_passthrough")
            .expect("passthrough");
        assert!(hit.message.contains("Segment"), "{}", hit.message);
        // Cancelling unhandled events fixes it.
        let fixed = SEGMENT_PAYMENTS.replace(
            "return webhook;",
            "if (webhook.eventType !== 'payment.succeeded') webhook.cancel = true; return webhook;",
        );
        let f = lint(
            &fixed,
            &[("license_key.created", license_key())],
            "https://api.segment.io/v1/track",
        );
        assert!(
            !rules(&f)
                .iter()
                .any(|r| r.contains("raw_envelope") || r.contains("passthrough")),
            "{f:?}"
        );
    }

    #[test]
    fn reading_fields_the_schema_lacks() {
        let code = "function handler(webhook) {\n  const p = webhook.payload.data;\n  webhook.payload = {\n    phone: p.customer.phone,\n    product: p.product_id,\n    email: p.customer.email\n  };\n  return webhook;\n}";
        let f = lint(code, &[("payment.succeeded", payment("USD", 100))], "");
        let got: Vec<(&str, Option<u32>)> = f
            .iter()
            .filter(|f| f.rule == "lint.field_not_in_schema")
            .map(|f| (f.path.as_str(), f.line))
            .collect();
        assert_eq!(
            got,
            [
                ("data.customer.phone", Some(4)),
                ("data.product_id", Some(5))
            ]
        );
        assert!(f[0].fix.contains("phone_number"), "{}", f[0].fix);
        // A license key has no customer at all: the read that throws is reported too.
        let code = "function handler(webhook) { const e = webhook.payload.data.customer?.email; return webhook; }";
        let f = lint(code, &[("license_key.created", license_key())], "");
        assert!(
            f.iter()
                .any(|f| f.rule == "lint.field_not_in_schema" && f.path == "data.customer"),
            "{f:?}"
        );
    }

    #[test]
    fn enum_comparisons() {
        let code = "function handler(webhook) {\n  const d = webhook.payload.data;\n  if (d.dispute_status === \"won\") { webhook.payload = {t: 'w'}; }\n  if (webhook.eventType === \"payment.succeded\") {}\n  switch (d.dispute_status) { case \"dispute_lost\": break; case \"lost\": break; }\n  return webhook;\n}";
        let f = lint(code, &[("dispute.won", dispute())], "");
        let got: Vec<(&str, Option<u32>)> = f
            .iter()
            .filter(|f| f.rule == "lint.enum_value" || f.rule == "lint.unknown_event_type")
            .map(|f| (f.rule, f.line))
            .collect();
        assert_eq!(
            got,
            [
                ("lint.enum_value", Some(3)),
                ("lint.unknown_event_type", Some(4)),
                ("lint.enum_value", Some(5))
            ]
        );
        let won = f.iter().find(|f| f.rule == "lint.enum_value").unwrap();
        assert!(won.fix.contains("dispute_won"), "{}", won.fix);
        let typo = f
            .iter()
            .find(|f| f.rule == "lint.unknown_event_type")
            .unwrap();
        assert!(typo.fix.contains("payment.succeeded"), "{}", typo.fix);
    }

    #[test]
    fn customerio_seed_flags() {
        let f = lint(
            CUSTOMERIO_PAYMENTS,
            &[
                ("payment.succeeded.jpy", payment("JPY", 4980)),
                ("license_key.created", license_key()),
            ],
            "",
        );
        let r = rules(&f);
        assert!(r.contains(&"lint.minor_units"), "{r:?}");
        assert!(r.contains(&"lint.unhandled_passthrough"), "{r:?}");
    }

    #[test]
    fn const_handler_and_failing_code_do_not_break_the_lints() {
        let code = "const handler = function (w) { w.payload = { x: w.payload.data.customer.phone }; return w; };";
        let f = lint(code, &[("payment.succeeded", payment("USD", 100))], "");
        // The recorder cannot wrap a const handler, so only code-level lints remain.
        assert!(
            f.iter().all(|f| f.rule != "lint.field_not_in_schema"),
            "{f:?}"
        );
        let f = lint(
            "function handler(w) { throw new Error('x'); }",
            &[("payment.succeeded", payment("USD", 100))],
            "",
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
