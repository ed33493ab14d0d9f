//! Customer.io Track API v2 rules (domain §5.2).

use serde_json::Value;

use super::{KB32, KB500, at, at_index, kb, kind, looks_european, push, text};
use crate::check::{Finding, Severity};

/// Actions of `type: "person"`.
const PERSON_ACTIONS: &[&str] = &[
    "identify",
    "event",
    "page",
    "screen",
    "delete",
    "add_relationships",
    "delete_relationships",
    "add_device",
    "delete_device",
    "merge",
    "suppress",
    "unsuppress",
];
/// Actions of `type: "object"`.
const OBJECT_ACTIONS: &[&str] = &[
    "identify",
    "delete",
    "add_relationships",
    "delete_relationships",
];
/// The identifier keys of a person; exactly one is allowed.
const PERSON_IDS: &[&str] = &["id", "email", "phone", "cio_id"];

/// Checks a body sent to `/api/v2/<endpoint>`.
pub(super) fn check(
    endpoint: &str,
    eu: bool,
    payload: &Value,
    body_len: usize,
    out: &mut Vec<Finding>,
) {
    match endpoint {
        "entity" => {
            if body_len > KB32 {
                push(
                    out,
                    Severity::Error,
                    "customerio.body_too_large",
                    "payload",
                    format!(
                        "the body is {}; /api/v2/entity takes requests under 32 KB",
                        kb(body_len)
                    ),
                    "Send fewer attributes.",
                );
            }
            check_operation(payload, "payload", out);
        }
        "batch" => {
            if body_len > KB500 {
                push(
                    out,
                    Severity::Error,
                    "customerio.batch.too_large",
                    "payload",
                    format!(
                        "the batch is {}; /api/v2/batch takes under 500 KB",
                        kb(body_len)
                    ),
                    "Split the operations into several batches.",
                );
            }
            let Some(ops) = payload.get("batch").and_then(Value::as_array) else {
                push(
                    out,
                    Severity::Error,
                    "customerio.batch.array_required",
                    "payload.batch",
                    "a batch request needs a `batch` array of operations",
                    "Send { batch: [ { type: \"person\", identifiers, action, ... } ] }.",
                );
                return;
            };
            for (i, op) in ops.iter().enumerate() {
                let path = at_index("payload.batch", i);
                let len = op.to_string().len();
                if len > KB32 {
                    push(
                        out,
                        Severity::Error,
                        "customerio.batch.item_too_large",
                        path.clone(),
                        format!("this operation is {}; each must be at most 32 KB", kb(len)),
                        "Send fewer attributes in this operation.",
                    );
                }
                check_operation(op, &path, out);
            }
        }
        other => push(
            out,
            Severity::Error,
            "customerio.unknown_endpoint",
            "url",
            format!("/api/v2/{other} is not a Track API v2 endpoint"),
            "Use https://track.customer.io/api/v2/entity (one operation) or /api/v2/batch.",
        ),
    }
    if !eu && looks_european(payload) {
        push(
            out,
            Severity::Info,
            "customerio.eu_region_hint",
            "url",
            "this looks like EU data sent to the US host track.customer.io; EU accounts are redirected through US servers",
            "If your Customer.io account is in the EU region, use https://track-eu.customer.io/api/v2/... instead.",
        );
    }
}

/// Rules of one operation at `path`.
fn check_operation(op: &Value, path: &str, out: &mut Vec<Finding>) {
    if !op.is_object() {
        push(
            out,
            Severity::Error,
            "customerio.operation_not_object",
            path,
            format!("an operation must be an object, not {}", kind(op)),
            "Send { type: \"person\", identifiers: { id }, action, ... }.",
        );
        return;
    }
    let ty = op.get("type").and_then(Value::as_str);
    let actions: &[&str] = match ty {
        Some("person") => PERSON_ACTIONS,
        Some("object") => OBJECT_ACTIONS,
        Some("delivery") => &[],
        Some(other) => {
            push(
                out,
                Severity::Error,
                "customerio.type_invalid",
                at(path, "type"),
                format!("type {other:?} is not one of person, object, delivery"),
                "Set type: \"person\" for customer operations.",
            );
            return;
        }
        None => {
            push(
                out,
                Severity::Error,
                "customerio.type_required",
                at(path, "type"),
                "every operation needs a `type` (person, object or delivery)",
                "Add type: \"person\".",
            );
            return;
        }
    };
    let action = op.get("action").and_then(Value::as_str);
    match action {
        None => push(
            out,
            Severity::Error,
            "customerio.action_required",
            at(path, "action"),
            "every operation needs an `action`",
            "Add action: \"event\" with a name, or action: \"identify\" to update attributes.",
        ),
        Some(a) if !actions.is_empty() && !actions.contains(&a) => {
            let suggestion = text(op, "name").map_or_else(|| humanise(a), str::to_owned);
            push(
                out,
                Severity::Error,
                "customerio.action_invalid",
                at(path, "action"),
                format!(
                    "action {a:?} is not a Track API action for type {:?}; Customer.io rejects the request",
                    ty.unwrap_or_default()
                ),
                format!(
                    "To record a custom event use action: \"event\" and put the event name in name, e.g. action: \"event\", name: {suggestion:?}. Valid actions: {}.",
                    actions.join(", ")
                ),
            );
        }
        _ => {}
    }
    if ty == Some("person") {
        check_person_identifiers(op, path, out);
    } else if ty == Some("object") {
        let ids = op.get("identifiers");
        let ok =
            ids.is_some_and(|i| i.get("object_type_id").is_some() && i.get("object_id").is_some());
        if !ok {
            push(
                out,
                Severity::Error,
                "customerio.object_identifiers",
                at(path, "identifiers"),
                "an object operation needs identifiers { object_type_id, object_id }",
                "Add identifiers: { object_type_id: \"1\", object_id: \"...\" }.",
            );
        }
    }
    if matches!(action, Some("event" | "page" | "screen")) && text(op, "name").is_none() {
        push(
            out,
            Severity::Error,
            "customerio.name_required",
            at(path, "name"),
            format!("action {:?} needs a `name`", action.unwrap_or_default()),
            "Add name: \"Payment Succeeded\" (the event, page or screen name).",
        );
    }
    if action == Some("identify") && op.get("name").is_some() {
        push(
            out,
            Severity::Info,
            "customerio.identify_name_ignored",
            at(path, "name"),
            "identify does not define a top-level `name`; Customer.io ignores it",
            "Move it into attributes (attributes.name) or remove it.",
        );
    }
    if let Some(ts) = op.get("timestamp") {
        check_timestamp(ts, &at(path, "timestamp"), out);
    }
    if let Some(attrs) = op.get("attributes")
        && !attrs.is_object()
    {
        push(
            out,
            Severity::Error,
            "customerio.attributes_object",
            at(path, "attributes"),
            format!("attributes must be an object, not {}", kind(attrs)),
            "Make attributes an object: { key: value }.",
        );
    }
}

/// Exactly one of id/email/phone/cio_id.
fn check_person_identifiers(op: &Value, path: &str, out: &mut Vec<Finding>) {
    let ids_path = at(path, "identifiers");
    let Some(ids) = op.get("identifiers").and_then(Value::as_object) else {
        push(
            out,
            Severity::Error,
            "customerio.identifiers_required",
            ids_path,
            "a person operation needs `identifiers` with exactly one of id, email, phone or cio_id",
            "Add identifiers: { id: webhook.payload.data.customer.customer_id }.",
        );
        return;
    };
    let present: Vec<&str> = ids
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.as_str())
        .collect();
    let unknown: Vec<&str> = present
        .iter()
        .copied()
        .filter(|k| !PERSON_IDS.contains(k))
        .collect();
    let known = present.len() - unknown.len();
    if known != 1 || !unknown.is_empty() {
        let what = if present.is_empty() {
            "none".to_owned()
        } else {
            present.join(", ")
        };
        push(
            out,
            Severity::Error,
            "customerio.identifiers_exactly_one",
            ids_path,
            format!(
                "identifiers must hold exactly one of id, email, phone or cio_id; it holds: {what}"
            ),
            "Keep a single identifier, e.g. identifiers: { id: customer_id }; put email in attributes.",
        );
    }
}

/// `timestamp` must be an integer of Unix seconds.
fn check_timestamp(ts: &Value, path: &str, out: &mut Vec<Finding>) {
    match ts {
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            if n.as_i64().is_some_and(|v| v > 100_000_000_000) {
                push(
                    out,
                    Severity::Error,
                    "customerio.timestamp_seconds",
                    path,
                    format!(
                        "timestamp {n} looks like milliseconds; Customer.io expects Unix seconds"
                    ),
                    "Divide by 1000: Math.floor(Date.parse(webhook.payload.timestamp) / 1000).",
                );
            }
        }
        other => push(
            out,
            Severity::Error,
            "customerio.timestamp_integer",
            path,
            format!(
                "timestamp must be an integer of Unix seconds, not {}",
                describe(other)
            ),
            "Use Math.floor(Date.parse(webhook.payload.timestamp) / 1000).",
        ),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("the string {s:?}"),
        Value::Number(n) => format!("the fraction {n}"),
        other => kind(other).to_owned(),
    }
}

/// `payment_completed` -> `Payment Completed`.
fn humanise(action: &str) -> String {
    action
        .split(['_', '-', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::Severity;
    use crate::check::destinations::test_util::{findings, rules};

    const ENTITY: &str = "https://track.customer.io/api/v2/entity";

    #[test]
    fn valid_event_passes() {
        let body = json!({"type": "person", "identifiers": {"id": "cus_1"}, "action": "event", "name": "Payment Completed", "timestamp": 1_767_225_600, "attributes": {"a": 1}});
        assert!(rules(ENTITY, body).is_empty());
    }

    #[test]
    fn type_missing_or_invalid() {
        assert_eq!(
            rules(
                ENTITY,
                json!({"identifiers": {"id": "1"}, "action": "event", "name": "x"})
            ),
            ["customerio.type_required"]
        );
        assert_eq!(
            rules(
                ENTITY,
                json!({"type": "customer", "identifiers": {"id": "1"}})
            ),
            ["customerio.type_invalid"]
        );
    }

    #[test]
    fn seed_actions_are_invalid_and_fix_suggests_event() {
        let f = findings(
            ENTITY,
            json!({"type": "person", "identifiers": {"id": "cus_1"}, "action": "payment_completed", "name": "Payment Completed"}),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].rule, f[0].path.as_str(), f[0].severity),
            (
                "customerio.action_invalid",
                "payload.action",
                Severity::Error
            )
        );
        assert!(f[0].fix.contains("action: \"event\""), "{}", f[0].fix);
        assert!(f[0].fix.contains("\"Payment Completed\""), "{}", f[0].fix);
        let f = findings(
            ENTITY,
            json!({"type": "person", "identifiers": {"id": "c"}, "action": "subscription_started"}),
        );
        assert!(
            f[0].fix.contains("\"Subscription Started\""),
            "{}",
            f[0].fix
        );
        assert_eq!(
            rules(
                ENTITY,
                json!({"type": "person", "identifiers": {"id": "c"}})
            ),
            ["customerio.action_required"]
        );
    }

    #[test]
    fn event_page_screen_need_name() {
        for action in ["event", "page", "screen"] {
            assert_eq!(
                rules(
                    ENTITY,
                    json!({"type": "person", "identifiers": {"id": "c"}, "action": action})
                ),
                ["customerio.name_required"],
                "{action}"
            );
        }
    }

    #[test]
    fn identifiers_exactly_one() {
        assert_eq!(
            rules(
                ENTITY,
                json!({"type": "person", "identifiers": {"id": "c", "email": "a@b"}, "action": "identify"})
            ),
            ["customerio.identifiers_exactly_one"]
        );
        assert_eq!(
            rules(
                ENTITY,
                json!({"type": "person", "identifiers": {}, "action": "identify"})
            ),
            ["customerio.identifiers_exactly_one"]
        );
        assert_eq!(
            rules(
                ENTITY,
                json!({"type": "person", "identifiers": {"customer_id": "c"}, "action": "identify"})
            ),
            ["customerio.identifiers_exactly_one"]
        );
        assert_eq!(
            rules(ENTITY, json!({"type": "person", "action": "identify"})),
            ["customerio.identifiers_required"]
        );
        assert!(
            rules(
                ENTITY,
                json!({"type": "person", "identifiers": {"email": "a@b"}, "action": "identify"})
            )
            .is_empty()
        );
    }

    #[test]
    fn timestamp_must_be_unix_seconds() {
        let base = |ts: serde_json::Value| json!({"type": "person", "identifiers": {"id": "c"}, "action": "identify", "timestamp": ts});
        assert_eq!(
            rules(ENTITY, base(json!(1_767_225_600_000_i64))),
            ["customerio.timestamp_seconds"]
        );
        assert_eq!(
            rules(ENTITY, base(json!("2026-01-01T00:00:00Z"))),
            ["customerio.timestamp_integer"]
        );
        assert_eq!(
            rules(ENTITY, base(json!(1.5))),
            ["customerio.timestamp_integer"]
        );
        assert!(rules(ENTITY, base(json!(1_767_225_600))).is_empty());
    }

    #[test]
    fn identify_name_is_info() {
        let f = findings(
            ENTITY,
            json!({"type": "person", "identifiers": {"id": "c"}, "action": "identify", "name": "Customer Identified"}),
        );
        assert_eq!(
            (f[0].rule, f[0].severity),
            ("customerio.identify_name_ignored", Severity::Info)
        );
    }

    #[test]
    fn size_batch_and_endpoint() {
        let big = "x".repeat(33 * 1024);
        assert_eq!(
            rules(
                ENTITY,
                json!({"type": "person", "identifiers": {"id": "c"}, "action": "identify", "attributes": {"b": big}})
            ),
            ["customerio.body_too_large"]
        );
        let url = "https://track.customer.io/api/v2/batch";
        let f = findings(
            url,
            json!({"batch": [{"type": "person", "identifiers": {"id": "c"}, "action": "event", "name": "ok"}, {"type": "person", "identifiers": {"id": "c"}, "action": "bad"}]}),
        );
        assert_eq!(
            (f[0].rule, f[0].path.as_str()),
            ("customerio.action_invalid", "payload.batch[1].action")
        );
        assert_eq!(rules(url, json!({})), ["customerio.batch.array_required"]);
        assert_eq!(
            rules("https://track.customer.io/api/v2/people", json!({})),
            ["customerio.unknown_endpoint"]
        );
    }

    #[test]
    fn humanise_action() {
        assert_eq!(super::humanise("payment_completed"), "Payment Completed");
    }
}
