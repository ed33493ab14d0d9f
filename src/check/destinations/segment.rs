//! Segment HTTP Tracking API rules (domain §5.1).

use serde_json::Value;

use super::{KB32, KB500, at, at_index, has_id, kb, kind, looks_european, push, text};
use crate::check::{Finding, Severity};

/// The methods a `batch` item may have.
const BATCH_TYPES: &[&str] = &["identify", "track", "page", "screen", "group", "alias"];

/// Checks a body sent to `/v1/<method>`.
pub(super) fn check(
    method: &str,
    eu: bool,
    payload: &Value,
    body_len: usize,
    out: &mut Vec<Finding>,
) {
    match method {
        "batch" => check_batch(payload, body_len, out),
        "track" | "identify" | "page" | "screen" | "group" | "alias" => {
            if body_len > KB32 {
                push(
                    out,
                    Severity::Error,
                    "segment.body_too_large",
                    "payload",
                    format!(
                        "the body is {}; Segment rejects requests over 32 KB",
                        kb(body_len)
                    ),
                    "Send fewer properties (large arrays or nested objects), or split the data.",
                );
            }
            check_call(method, payload, "payload", out);
        }
        other => push(
            out,
            Severity::Error,
            "segment.unknown_method",
            "url",
            format!("/v1/{other} is not a Segment HTTP API method"),
            "Use /v1/track, /v1/identify, /v1/page, /v1/screen, /v1/group, /v1/alias or /v1/batch.",
        ),
    }
    if !eu && looks_european(payload) {
        push(
            out,
            Severity::Info,
            "segment.eu_region_hint",
            "url",
            "this looks like EU data sent to the US host api.segment.io; events for an EU workspace sent there are accepted but never appear",
            "If your Segment workspace is in the EU, use https://events.eu1.segmentapis.com/v1/... instead.",
        );
    }
}

/// Rules of one call (`method` given by the URL or the batch item's `type`) at `path`.
fn check_call(method: &str, call: &Value, path: &str, out: &mut Vec<Finding>) {
    if !call.is_object() {
        push(
            out,
            Severity::Error,
            "segment.call_not_object",
            path,
            format!(
                "a Segment {method} call must be an object, not {}",
                kind(call)
            ),
            "Make it an object such as { userId, event, properties }.",
        );
        return;
    }
    let has_user = has_id(call, "userId");
    let has_anon = has_id(call, "anonymousId");
    match method {
        "track" if text(call, "event").is_none() => {
            push(
                out,
                Severity::Error,
                "segment.track.event_required",
                at(path, "event"),
                "a track call needs an `event` name; Segment silently drops track calls without one",
                "Add event: \"Payment Succeeded\" (any non-empty string).",
            );
        }
        "group" if !has_id(call, "groupId") => {
            push(
                out,
                Severity::Error,
                "segment.group.group_id_required",
                at(path, "groupId"),
                "a group call needs a `groupId`",
                "Add groupId, e.g. the customer's business or account id.",
            );
        }
        "alias" => {
            if !has_id(call, "previousId") {
                push(
                    out,
                    Severity::Error,
                    "segment.alias.previous_id_required",
                    at(path, "previousId"),
                    "an alias call needs a `previousId` (the old id)",
                    "Add previousId with the id the user had before.",
                );
            }
            if !has_user {
                push(
                    out,
                    Severity::Error,
                    "segment.alias.user_id_required",
                    at(path, "userId"),
                    "an alias call needs a `userId` (the new id)",
                    "Add userId, e.g. data.customer.customer_id.",
                );
            }
        }
        _ => {}
    }
    if method != "alias" && !has_user && !has_anon {
        push(
            out,
            Severity::Error,
            "segment.user_id_required",
            at(path, "userId"),
            format!(
                "a {method} call needs `userId` or `anonymousId`; Segment accepts it with status 200 and then drops it (no_user_anon_id)"
            ),
            "Add userId: webhook.payload.data.customer.customer_id (check the value exists for this event type).",
        );
    }
    if let Some(id) = call.get("messageId").and_then(Value::as_str)
        && id.chars().count() >= 100
    {
        push(
            out,
            Severity::Error,
            "segment.message_id_too_long",
            at(path, "messageId"),
            format!(
                "messageId is {} characters; Segment needs fewer than 100",
                id.chars().count()
            ),
            "Use a shorter id, e.g. the Dodo payment_id or the webhook id.",
        );
    }
    for key in ["properties", "traits", "context"] {
        if let Some(v) = call.get(key)
            && !v.is_object()
            && !v.is_null()
        {
            push(
                out,
                Severity::Warning,
                "segment.object_field",
                at(path, key),
                format!("`{key}` should be an object, not {}", kind(v)),
                format!("Make {key} an object: {{ ... }}."),
            );
        }
    }
    if let Some(ts) = call.get("timestamp")
        && !ts.is_string()
    {
        push(
            out,
            Severity::Warning,
            "segment.timestamp_format",
            at(path, "timestamp"),
            format!(
                "Segment expects an ISO-8601 string timestamp, not {}",
                kind(ts)
            ),
            "Use webhook.payload.timestamp (already ISO-8601) or new Date(ms).toISOString().",
        );
    }
}

/// Rules of `/v1/batch`.
fn check_batch(payload: &Value, body_len: usize, out: &mut Vec<Finding>) {
    if body_len > KB500 {
        push(
            out,
            Severity::Error,
            "segment.batch.too_large",
            "payload",
            format!(
                "the batch is {}; Segment rejects batches over 500 KB",
                kb(body_len)
            ),
            "Split the events into several batches.",
        );
    }
    let Some(items) = payload.get("batch").and_then(Value::as_array) else {
        push(
            out,
            Severity::Error,
            "segment.batch.array_required",
            "payload.batch",
            "a batch request needs a `batch` array of calls",
            "Send { batch: [ { type: \"track\", event, userId, ... } ] }.",
        );
        return;
    };
    if items.len() > 2500 {
        push(
            out,
            Severity::Error,
            "segment.batch.too_many",
            "payload.batch",
            format!(
                "the batch has {} events; Segment takes at most 2500 (a larger batch gets 200 but is rejected)",
                items.len()
            ),
            "Split the events into batches of at most 2500.",
        );
    }
    for (i, item) in items.iter().enumerate() {
        let path = at_index("payload.batch", i);
        let item_len = item.to_string().len();
        if item_len > KB32 {
            push(
                out,
                Severity::Error,
                "segment.batch.item_too_large",
                path.clone(),
                format!(
                    "this event is {}; each batch event must be under 32 KB",
                    kb(item_len)
                ),
                "Send fewer properties in this event.",
            );
        }
        match item.get("type").and_then(Value::as_str) {
            Some(t) if BATCH_TYPES.contains(&t) => check_call(t, item, &path, out),
            Some(t) => push(
                out,
                Severity::Error,
                "segment.batch.item_type",
                at(&path, "type"),
                format!(
                    "batch item type {t:?} is not one of identify, track, page, screen, group, alias"
                ),
                "Set type to the call's method, e.g. type: \"track\".",
            ),
            None => push(
                out,
                Severity::Error,
                "segment.batch.item_type",
                at(&path, "type"),
                "each batch item needs a `type` (identify, track, page, screen, group or alias)",
                "Add type: \"track\" (or the method this item is).",
            ),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::{findings, rules};

    const TRACK: &str = "https://api.segment.io/v1/track";

    #[test]
    fn valid_track_passes() {
        let body = json!({"userId": "cus_1", "event": "Payment Succeeded", "properties": {"amount": "12.00"}, "timestamp": "2026-01-01T00:00:00Z"});
        assert!(rules(TRACK, body).is_empty());
    }

    #[test]
    fn track_needs_event() {
        assert_eq!(
            rules(TRACK, json!({"userId": "cus_1"})),
            ["segment.track.event_required"]
        );
        assert_eq!(
            rules(TRACK, json!({"userId": "cus_1", "event": ""})),
            ["segment.track.event_required"]
        );
    }

    #[test]
    fn track_needs_user_or_anonymous_id() {
        let f = findings(TRACK, json!({"event": "X"}));
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].rule, f[0].path.as_str()),
            ("segment.user_id_required", "payload.userId")
        );
        assert!(rules(TRACK, json!({"event": "X", "anonymousId": "a"})).is_empty());
        assert_eq!(
            rules(TRACK, json!({"event": "X", "userId": null})),
            ["segment.user_id_required"]
        );
    }

    #[test]
    fn identify_needs_ids() {
        let url = "https://api.segment.io/v1/identify";
        assert_eq!(
            rules(url, json!({"traits": {"email": "a@b"}})),
            ["segment.user_id_required"]
        );
        assert!(rules(url, json!({"userId": "u", "traits": {}})).is_empty());
    }

    #[test]
    fn group_needs_group_id() {
        let url = "https://api.segment.io/v1/group";
        assert_eq!(
            rules(url, json!({"userId": "u"})),
            ["segment.group.group_id_required"]
        );
        assert!(rules(url, json!({"userId": "u", "groupId": "g"})).is_empty());
    }

    #[test]
    fn alias_needs_previous_id_and_user_id() {
        let url = "https://api.segment.io/v1/alias";
        assert_eq!(
            rules(url, json!({"userId": "u"})),
            ["segment.alias.previous_id_required"]
        );
        assert_eq!(
            rules(url, json!({"previousId": "p", "anonymousId": "a"})),
            ["segment.alias.user_id_required"]
        );
        assert!(rules(url, json!({"previousId": "p", "userId": "u"})).is_empty());
    }

    #[test]
    fn batch_items_are_checked() {
        let url = "https://api.segment.io/v1/batch";
        assert_eq!(
            rules(url, json!({"events": []})),
            ["segment.batch.array_required"]
        );
        let f = findings(
            url,
            json!({"batch": [
                {"type": "track", "userId": "u", "event": "ok"},
                {"type": "track", "userId": "u"},
                {"type": "bogus"},
                {"event": "x"}
            ]}),
        );
        let got: Vec<(&str, &str)> = f.iter().map(|f| (f.rule, f.path.as_str())).collect();
        assert_eq!(
            got,
            [
                ("segment.track.event_required", "payload.batch[1].event"),
                ("segment.batch.item_type", "payload.batch[2].type"),
                ("segment.batch.item_type", "payload.batch[3].type"),
            ]
        );
    }

    #[test]
    fn body_size_limits() {
        let big = "x".repeat(33 * 1024);
        assert_eq!(
            rules(
                TRACK,
                json!({"userId": "u", "event": "e", "properties": {"b": big}})
            ),
            ["segment.body_too_large"]
        );
        let url = "https://api.segment.io/v1/batch";
        // 40 KB in a batch is fine overall but too large for one event.
        assert_eq!(
            rules(
                url,
                json!({"batch": [{"type": "track", "userId": "u", "event": "e", "properties": {"b": "x".repeat(40 * 1024)}}]})
            ),
            ["segment.batch.item_too_large"]
        );
        let items: Vec<_> = (0..2501)
            .map(|_| json!({"type": "track", "userId": "u", "event": "e"}))
            .collect();
        assert_eq!(
            rules(url, json!({"batch": items})),
            ["segment.batch.too_many"]
        );
        let items: Vec<_> = (0..20).map(|_| json!({"type": "track", "userId": "u", "event": "e", "properties": {"b": "x".repeat(30 * 1024)}})).collect();
        assert_eq!(
            rules(url, json!({"batch": items})),
            ["segment.batch.too_large"]
        );
    }

    #[test]
    fn message_id_limit() {
        assert_eq!(
            rules(
                TRACK,
                json!({"userId": "u", "event": "e", "messageId": "m".repeat(100)})
            ),
            ["segment.message_id_too_long"]
        );
        assert!(
            rules(
                TRACK,
                json!({"userId": "u", "event": "e", "messageId": "m".repeat(99)})
            )
            .is_empty()
        );
    }

    #[test]
    fn eu_hint_only_on_us_host() {
        let body = json!({"userId": "u", "event": "e", "properties": {"currency": "EUR"}});
        assert_eq!(rules(TRACK, body.clone()), ["segment.eu_region_hint"]);
        assert!(rules("https://events.eu1.segmentapis.com/v1/track", body).is_empty());
    }

    #[test]
    fn unknown_method_and_shapes() {
        assert_eq!(
            rules("https://api.segment.io/v1/trak", json!({})),
            ["segment.unknown_method"]
        );
        assert_eq!(
            rules(
                TRACK,
                json!({"userId": "u", "event": "e", "properties": "x", "timestamp": 5})
            ),
            ["segment.object_field", "segment.timestamp_format"]
        );
    }
}
