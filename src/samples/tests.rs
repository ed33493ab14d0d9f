//! Tests of the sample library, the schema checks and payload parsing.

#![allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::schema::{
    FindingKind, Severity, check_envelope, child_fields, currency_exponent, detect_event_type,
    enum_values, field_path_exists, format_minor_units,
};
use super::*;

fn lib() -> &'static Library {
    Library::builtin()
}

fn realistic(event_type: &str) -> Value {
    lib().by_event_type(event_type).unwrap().payload.clone()
}

fn kinds(payload: &Value) -> Vec<(String, FindingKind)> {
    check_envelope(payload)
        .into_iter()
        .map(|f| (f.path, f.kind))
        .collect()
}

// ----------------------------------------------------------------------------
// The event-type table

#[test]
fn there_are_48_distinct_event_types_with_matching_names() {
    assert_eq!(EVENT_TYPES.len(), 48);
    assert_eq!(EVENT_TYPE_NAMES.len(), 48);
    for (info, name) in EVENT_TYPES.iter().zip(EVENT_TYPE_NAMES) {
        assert_eq!(info.name, *name);
        assert_eq!(
            Some(info.group),
            info.name.split('.').next(),
            "{}",
            info.name
        );
        assert!(
            GROUPS.iter().any(|(g, _)| *g == info.group),
            "{}",
            info.name
        );
    }
    let distinct: BTreeSet<_> = EVENT_TYPE_NAMES.iter().collect();
    assert_eq!(distinct.len(), 48);
}

#[test]
fn event_type_schemas_follow_the_spec_table() {
    let schema = |t: &str| event_type(t).unwrap().schema;
    assert_eq!(schema("payment.cancelled"), Schema::Payment);
    assert_eq!(schema("dispute.won"), Schema::Dispute);
    assert_eq!(
        schema("subscription.update_payment_method"),
        Schema::Subscription
    );
    assert_eq!(
        schema("credit.manual_adjustment"),
        Schema::CreditLedgerEntry
    );
    assert_eq!(schema("credit.balance_low"), Schema::CreditBalanceLow);
    assert_eq!(schema("dunning.recovered"), Schema::DunningAttempt);
    assert_eq!(
        schema("entitlement_grant.revoked"),
        Schema::EntitlementGrant
    );
    assert_eq!(Schema::DunningAttempt.payload_type(), "DunningAttempt");
    for s in Schema::ALL {
        assert_eq!(Schema::from_payload_type(s.payload_type()), Some(s));
        assert!(s.event_types().count() >= 1, "{s} has no event type");
    }
}

// ----------------------------------------------------------------------------
// The built-in library

#[test]
fn every_file_in_samples_dir_is_embedded() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let embedded: BTreeSet<String> = lib().iter().map(|s| s.name.clone()).collect();
    assert_eq!(
        on_disk, embedded,
        "run scripts/gen_samples.py to refresh src/samples/builtin_files.rs"
    );
    assert_eq!(
        builtin_files::FILES.len(),
        lib().len(),
        "an embedded file failed to parse"
    );
}

#[test]
fn every_event_type_has_a_realistic_and_a_placeholder_sample() {
    for info in EVENT_TYPES {
        let real = lib()
            .by_event_type(info.name)
            .unwrap_or_else(|| panic!("no realistic {}", info.name));
        assert_eq!(real.name, info.name);
        assert_eq!(real.variant, Variant::Realistic);
        assert_eq!(real.group, info.group);
        let ph_name = format!("{}.placeholder", info.name);
        let ph = lib()
            .get(&ph_name)
            .unwrap_or_else(|| panic!("no {ph_name}"));
        assert_eq!(ph.variant, Variant::Placeholder);
        assert_eq!(ph.event_type, info.name);
        assert_eq!(ph.payload["type"], info.name);
        assert_eq!(
            ph.payload["data"]["payload_type"],
            info.schema.payload_type()
        );
    }
    assert_eq!(
        lib()
            .iter()
            .filter(|s| s.variant == Variant::Realistic)
            .count(),
        48
    );
    assert_eq!(
        lib()
            .iter()
            .filter(|s| s.variant == Variant::Placeholder)
            .count(),
        48
    );
}

#[test]
fn every_realistic_sample_passes_the_schema_check() {
    for sample in lib().iter().filter(|s| s.variant != Variant::Placeholder) {
        let findings = check_envelope(&sample.payload);
        assert!(findings.is_empty(), "{}: {findings:#?}", sample.name);
        assert_eq!(sample.payload["type"], sample.event_type.as_str());
        let info = event_type(&sample.event_type).unwrap();
        assert_eq!(
            sample.payload["data"]["payload_type"],
            info.schema.payload_type()
        );
        // Status consistency is part of check_envelope; make it explicit too.
        if let Some((field, value)) = info.status {
            assert_eq!(sample.payload["data"][field], value, "{}", sample.name);
        }
    }
}

#[test]
fn realistic_samples_have_the_event_specific_details() {
    let failed = realistic("payment.failed");
    assert_eq!(failed["data"]["status"], "failed");
    assert!(failed["data"]["error_code"].is_string());
    assert!(failed["data"]["error_message"].is_string());
    let cancelled = realistic("subscription.cancelled");
    assert!(cancelled["data"]["cancelled_at"].is_string());
    assert!(cancelled["data"]["cancellation_feedback"].is_string());
    assert_eq!(
        realistic("dispute.won")["data"]["dispute_status"],
        "dispute_won"
    );
    assert!(realistic("dispute.won")["data"]["amount"].is_string());
    assert_eq!(realistic("refund.failed")["data"]["status"], "failed");
    assert!(realistic("subscription.paused")["data"]["paused_at"].is_string());
    // Nullable fields are present as null, not left out.
    let customer = &realistic("payment.failed")["data"]["customer"];
    assert!(customer.as_object().unwrap().contains_key("phone_number"));
    // Samples that refer to one another agree on ids.
    let paid = realistic("payment.succeeded");
    assert_eq!(
        realistic("dispute.won")["data"]["payment_id"],
        paid["data"]["payment_id"]
    );
    assert_eq!(
        realistic("license_key.created")["data"]["payment_id"],
        paid["data"]["payment_id"]
    );
    assert_eq!(
        realistic("subscription.unpaused")["data"]["subscription_id"],
        realistic("subscription.paused")["data"]["subscription_id"]
    );
    // Amounts are integers.
    assert!(realistic("payment.succeeded")["data"]["total_amount"].is_u64());
}

#[test]
fn placeholder_samples_follow_the_dashboard_style_and_the_schema_shape() {
    for sample in lib().iter().filter(|s| s.variant == Variant::Placeholder) {
        let p = &sample.payload;
        assert_eq!(p["business_id"], "string", "{}", sample.name);
        assert_eq!(p["timestamp"], "string", "{}", sample.name);
        // Only enum/format warnings: the shape (fields and JSON types) matches the schema.
        let errors: Vec<_> = check_envelope(p)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", sample.name);
        // Every string value is "string" except the routing keys; every number is 42.
        fn walk(v: &Value, key: &str, name: &str) {
            match v {
                Value::String(s) if key != "type" && key != "payload_type" => {
                    assert_eq!(s, "string", "{name}.{key}")
                }
                Value::Number(n) => assert_eq!(n.as_u64(), Some(42), "{name}.{key}"),
                Value::Bool(b) => assert!(*b, "{name}.{key}"),
                Value::Null => panic!("{name}.{key} is null in a placeholder"),
                Value::Array(items) => items.iter().for_each(|i| walk(i, key, name)),
                Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, k, name)),
                Value::String(_) => {}
            }
        }
        walk(p, "", &sample.name);
    }
    // Arrays with a known item shape show one placeholder element.
    let ph = &lib().get("payment.succeeded.placeholder").unwrap().payload;
    assert_eq!(ph["data"]["refunds"][0]["refund_id"], "string");
    assert_eq!(ph["data"]["product_cart"][0]["quantity"], 42);
}

#[test]
fn currency_variants_carry_their_currency() {
    let jpy = lib().get("payment.succeeded.jpy").unwrap();
    assert_eq!(jpy.variant, Variant::Currency("JPY".into()));
    assert_eq!(jpy.variant.label(), "JPY (zero-decimal)");
    assert_eq!(jpy.event_type, "payment.succeeded");
    assert_eq!(jpy.payload["data"]["currency"], "JPY");
    assert_eq!(jpy.payload["data"]["total_amount"], 4980);
    let kwd = lib().get("payment.succeeded.kwd").unwrap();
    assert_eq!(kwd.variant.label(), "KWD (three-decimal)");
    assert_eq!(kwd.payload["data"]["total_amount"], 12500);
    let sub = lib().get("subscription.active.jpy").unwrap();
    assert_eq!(sub.payload["data"]["currency"], "JPY");
    // by_event_type picks the realistic USD one, not a currency variant.
    assert_eq!(
        lib().by_event_type("payment.succeeded").unwrap().payload["data"]["currency"],
        "USD"
    );
    assert_eq!(Variant::Realistic.label(), "realistic");
    assert_eq!(Variant::Placeholder.label(), "placeholder");
}

#[test]
fn groups_are_in_spec_order_and_cover_every_sample() {
    let groups = lib().groups();
    let names: Vec<&str> = groups.iter().map(|(g, _)| *g).collect();
    let expected: Vec<&str> = GROUPS.iter().map(|(g, _)| *g).collect();
    assert_eq!(names, expected);
    let total: usize = groups.iter().map(|(_, s)| s.len()).sum();
    assert_eq!(total, lib().len());
    let (_, payments) = &groups[0];
    assert_eq!(payments[0].name, "payment.succeeded");
    assert_eq!(payments[1].name, "payment.succeeded.jpy");
    assert_eq!(payments[3].name, "payment.succeeded.placeholder");
    assert_eq!(group_title("license_key"), "License keys");
    assert_eq!(lib().variants_of("payment.succeeded").len(), 4);
}

#[test]
fn samples_stay_modest_in_size() {
    for sample in lib().iter() {
        assert!(
            sample.text.len() < 6 * 1024,
            "{} is {} bytes",
            sample.name,
            sample.text.len()
        );
    }
}

// ----------------------------------------------------------------------------
// check_envelope

#[test]
fn check_catches_a_missing_required_field() {
    let mut p = realistic("payment.succeeded");
    p["data"].as_object_mut().unwrap().remove("total_amount");
    p["data"]["customer"]
        .as_object_mut()
        .unwrap()
        .remove("email");
    let found = check_envelope(&p);
    let missing: Vec<_> = found
        .iter()
        .filter(|f| f.kind == FindingKind::MissingField)
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(missing, ["data.customer.email", "data.total_amount"]);
    assert!(found.iter().all(|f| f.severity == Severity::Error));

    let mut p = realistic("refund.succeeded");
    p.as_object_mut().unwrap().remove("timestamp");
    assert_eq!(
        kinds(&p),
        [("timestamp".to_owned(), FindingKind::MissingField)]
    );
}

#[test]
fn check_catches_a_bad_enum_value() {
    let mut p = realistic("dispute.won");
    // The Discord/Teams template bug: "won" is not the enum value.
    p["data"]["dispute_status"] = json!("won");
    let found = check_envelope(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "data.dispute_status");
    assert_eq!(found[0].kind, FindingKind::BadEnum);
    assert!(
        found[0].message.contains("did you mean \"dispute_won\""),
        "{}",
        found[0].message
    );

    let mut p = realistic("subscription.active");
    p["data"]["payment_frequency_interval"] = json!("month");
    assert_eq!(
        kinds(&p),
        [(
            "data.payment_frequency_interval".to_owned(),
            FindingKind::BadEnum
        )]
    );
}

#[test]
fn check_catches_a_wrong_payload_type_and_unknown_event_type() {
    let mut p = realistic("payment.succeeded");
    p["data"]["payload_type"] = json!("Subscription");
    let found = check_envelope(&p);
    assert!(
        found
            .iter()
            .any(|f| f.kind == FindingKind::PayloadTypeMismatch && f.path == "data.payload_type"),
        "{found:#?}"
    );

    let mut p = realistic("payment.succeeded");
    p["type"] = json!("payment.succeded");
    let found = check_envelope(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].kind, FindingKind::UnknownEventType);
    assert!(found[0].message.contains("payment.succeeded"));

    let mut p = realistic("payment.succeeded");
    p["data"]["payload_type"] = json!("Paymnet");
    assert!(kinds(&p).contains(&("data.payload_type".to_owned(), FindingKind::BadEnum)));
}

#[test]
fn check_catches_wrong_types_and_non_integer_amounts() {
    let mut p = realistic("payment.succeeded");
    p["data"]["total_amount"] = json!(54.0);
    p["data"]["tax"] = json!("4.00");
    p["data"]["digital_products_delivered"] = json!("yes");
    let found = kinds(&p);
    assert!(found.contains(&(
        "data.total_amount".to_owned(),
        FindingKind::AmountNotInteger
    )));
    assert!(found.contains(&("data.tax".to_owned(), FindingKind::AmountNotInteger)));
    assert!(found.contains(&(
        "data.digital_products_delivered".to_owned(),
        FindingKind::WrongType
    )));

    // Dispute.amount is a string; a number there is the wrong type.
    let mut p = realistic("dispute.opened");
    p["data"]["amount"] = json!(4900);
    assert_eq!(
        kinds(&p),
        [("data.amount".to_owned(), FindingKind::WrongType)]
    );

    // A required field may not be null.
    let mut p = realistic("refund.succeeded");
    p["data"]["customer"] = Value::Null;
    assert_eq!(
        kinds(&p),
        [("data.customer".to_owned(), FindingKind::NullField)]
    );
}

#[test]
fn check_flags_formats_status_mismatch_and_unknown_fields() {
    let mut p = realistic("payment.succeeded");
    p["data"]["payment_id"] = json!("ref_123");
    p["data"]["currency"] = json!("usd");
    p["data"]["created_at"] = json!("18/11/2026");
    p["data"]["billing"]["country"] = json!("XX");
    p["data"]["customer"]["phone"] = json!("+1 555");
    p["data"]["status"] = json!("failed");
    let found = check_envelope(&p);
    let by_path = |path: &str| {
        found
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path}: {found:#?}"))
    };
    assert_eq!(by_path("data.payment_id").kind, FindingKind::BadFormat);
    assert_eq!(by_path("data.currency").kind, FindingKind::BadFormat);
    assert_eq!(by_path("data.created_at").kind, FindingKind::BadFormat);
    assert_eq!(by_path("data.billing.country").kind, FindingKind::BadFormat);
    let phone = by_path("data.customer.phone");
    assert_eq!(phone.kind, FindingKind::UnknownField);
    assert_eq!(phone.severity, Severity::Info);
    assert!(phone.message.contains("phone_number"), "{}", phone.message);
    assert_eq!(by_path("data.status").kind, FindingKind::StatusMismatch);
    assert_eq!(found.len(), 6, "{found:#?}");
}

#[test]
fn check_reports_non_objects_and_checks_array_items() {
    assert_eq!(
        kinds(&json!([1, 2])),
        [(String::new(), FindingKind::NotAnObject)]
    );
    let mut p = realistic("payment.succeeded");
    p["data"]["refunds"] = json!([{ "refund_id": "ref_x1", "status": "done" }]);
    let found = kinds(&p);
    assert!(
        found.contains(&("data.refunds[0].status".to_owned(), FindingKind::BadEnum)),
        "{found:?}"
    );
    assert!(found.contains(&(
        "data.refunds[0].payment_id".to_owned(),
        FindingKind::MissingField
    )));
}

// ----------------------------------------------------------------------------
// Path facts

#[test]
fn field_paths_are_known_unknown_or_absent() {
    let p = Schema::Payment;
    assert_eq!(field_path_exists(p, "data.customer.email"), Some(true));
    assert_eq!(
        field_path_exists(p, "webhook.payload.data.customer.phone_number"),
        Some(true)
    );
    assert_eq!(field_path_exists(p, "data.customer.phone"), Some(false));
    assert_eq!(field_path_exists(p, "data.customer.company"), Some(false));
    assert_eq!(field_path_exists(p, "data.product_id"), Some(false));
    assert_eq!(
        field_path_exists(p, "data.product_cart[0].product_id"),
        Some(true)
    );
    assert_eq!(field_path_exists(p, "data.refunds.0.amount"), Some(true));
    assert_eq!(
        field_path_exists(p, "data[\"billing\"]?.country"),
        Some(true)
    );
    assert_eq!(field_path_exists(p, "data.metadata.order_ref"), None);
    assert_eq!(field_path_exists(p, "data.payload_type"), Some(true));
    assert_eq!(field_path_exists(p, "type"), Some(true));
    assert_eq!(field_path_exists(p, "eventType"), Some(false));
    // Other parts of the `webhook` argument are not the payload's business.
    assert_eq!(field_path_exists(p, "webhook.eventType"), Some(true));
    assert_eq!(enum_values(p, "webhook.eventType").unwrap().len(), 48);
    assert_eq!(field_path_exists(p, "webhook.url"), None);
    assert_eq!(field_path_exists(p, "webhook.env.REGION"), None);
    assert_eq!(
        field_path_exists(p, "payload.data.total_amount"),
        Some(true)
    );
    assert_eq!(
        field_path_exists(p, "webhook.payload.data.total"),
        Some(false)
    );
    assert_eq!(
        field_path_exists(Schema::LicenseKey, "data.customer"),
        Some(false)
    );
    assert_eq!(
        field_path_exists(Schema::LicenseKey, "data.customer_id"),
        Some(true)
    );
}

#[test]
fn enum_values_and_child_fields_answer_per_path() {
    assert_eq!(
        enum_values(Schema::Dispute, "data.dispute_status")
            .unwrap()
            .len(),
        7
    );
    assert!(
        enum_values(Schema::Dispute, "data.dispute_status")
            .unwrap()
            .contains(&"dispute_won")
    );
    assert_eq!(
        enum_values(Schema::Subscription, "data.payment_frequency_interval").unwrap(),
        ["Day", "Week", "Month", "Year"]
    );
    assert_eq!(
        enum_values(Schema::Payment, "data.payload_type").unwrap(),
        ["Payment"]
    );
    assert_eq!(enum_values(Schema::Payment, "type").unwrap().len(), 48);
    assert!(
        enum_values(Schema::Payment, "data.currency")
            .unwrap()
            .contains(&"KWD")
    );
    assert_eq!(
        enum_values(Schema::Payment, "data.refunds[0].status").unwrap(),
        schema::REFUND_STATUS
    );
    assert_eq!(enum_values(Schema::Payment, "data.total_amount"), None);
    let customer: Vec<_> = child_fields(Schema::Refund, "data.customer")
        .unwrap()
        .iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        customer,
        ["customer_id", "email", "name", "metadata", "phone_number"]
    );
    assert!(
        Schema::Payment
            .required_fields()
            .any(|f| f == "total_amount")
    );
    assert!(Schema::Payment.optional_fields().any(|f| f == "status"));
}

#[test]
fn currency_exponents_and_formatting() {
    assert_eq!(currency_exponent("JPY"), 0);
    assert_eq!(currency_exponent("krw"), 0);
    assert_eq!(currency_exponent("VND"), 0);
    for code in ["KWD", "BHD", "JOD", "OMR", "TND", "LYD", "IQD"] {
        assert_eq!(currency_exponent(code), 3, "{code}");
    }
    assert_eq!(currency_exponent("USD"), 2);
    assert_eq!(currency_exponent("EUR"), 2);
    assert_eq!(format_minor_units(4980, "JPY"), "4980");
    assert_eq!(format_minor_units(12500, "KWD"), "12.500");
    assert_eq!(format_minor_units(5400, "USD"), "54.00");
    assert_eq!(format_minor_units(-5, "EUR"), "-0.05");
    assert!(schema::CURRENCIES.len() >= 140);
}

#[test]
fn detect_event_type_uses_type_then_payload_type_and_status() {
    assert_eq!(
        detect_event_type(&realistic("dispute.lost")).as_deref(),
        Some("dispute.lost")
    );
    // Without `type`: from payload_type + status.
    let mut p = realistic("dispute.lost");
    p.as_object_mut().unwrap().remove("type");
    assert_eq!(detect_event_type(&p).as_deref(), Some("dispute.lost"));
    let mut p = realistic("payout.failed");
    p.as_object_mut().unwrap().remove("type");
    assert_eq!(detect_event_type(&p).as_deref(), Some("payout.failed"));
    // A bare `data` object without payload_type: from its distinctive fields.
    let mut data = realistic("refund.failed")["data"].clone();
    data.as_object_mut().unwrap().remove("payload_type");
    assert_eq!(detect_event_type(&data).as_deref(), Some("refund.failed"));
    let data = realistic("credit.overage_reset")["data"].clone();
    assert_eq!(
        detect_event_type(&data).as_deref(),
        Some("credit.overage_reset")
    );
    assert_eq!(detect_event_type(&json!({"hello": 1})), None);
    assert_eq!(detect_event_type(&json!([1])), None);
}

// ----------------------------------------------------------------------------
// parse_payload

#[test]
fn parse_payload_reports_line_and_column() {
    let text = "{\n  \"type\": \"payment.succeeded\",\n  \"data\": {\n    \"total_amount\": 54.00.1\n  }\n}";
    let err = parse_payload(text).unwrap_err();
    assert_eq!((err.line, err.column), (4, 26), "{err}");
    assert!(err.to_string().starts_with("line 4, column 26: "), "{err}");
    assert!(!err.message.contains("at line"), "{err}");

    // A trailing comma: serde_json points at the closing brace.
    let err = parse_payload("{\n  \"a\": 1,\n}").unwrap_err();
    assert_eq!((err.line, err.column), (3, 1), "{err}");

    // Columns count characters, not bytes.
    let err = parse_payload("{\"name\": \"Sofía\" \"x\": 1}").unwrap_err();
    assert_eq!((err.line, err.column), (1, 18), "{err}");
}

#[test]
fn parse_payload_rejects_empty_text_and_non_objects() {
    let err = parse_payload("  \n ").unwrap_err();
    assert!(err.message.contains("empty"), "{err}");
    assert_eq!((err.line, err.column), (1, 1));
    let err = parse_payload("\n  [1, 2]").unwrap_err();
    assert!(
        err.message.contains("must be a JSON object") && err.message.contains("array"),
        "{err}"
    );
    assert_eq!((err.line, err.column), (2, 3));
    assert!(parse_payload("\u{feff}{\"a\": 1}").is_ok());
    assert!(
        parse_payload("42")
            .unwrap_err()
            .message
            .contains("a number")
    );
}

// ----------------------------------------------------------------------------
// load_dir

#[test]
fn load_dir_reads_samples_and_names_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = lib().get("refund.succeeded").unwrap();
    std::fs::write(dir.path().join("refund.succeeded.json"), &good.text).unwrap();
    std::fs::write(
        dir.path().join("my-order.json"),
        &lib().get("payment.succeeded.kwd").unwrap().text,
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a sample").unwrap();
    let loaded = Library::load_dir(dir.path()).unwrap();
    assert_eq!(loaded.len(), 2);
    assert_eq!(
        loaded.get("refund.succeeded").unwrap().payload,
        good.payload
    );
    let custom = loaded.get("my-order").unwrap();
    assert_eq!(custom.event_type, "payment.succeeded");
    assert_eq!(custom.schema(), Some(Schema::Payment));
    assert_eq!(custom.title(), "payment.succeeded (my-order)");
    assert_eq!(custom.group, "payment");
    // Layered over the built-in library, the folder's sample replaces the built-in one.
    let merged = lib().merged(&loaded);
    assert_eq!(merged.len(), lib().len() + 1);

    std::fs::write(
        dir.path().join("broken.json"),
        "{\n  \"type\": \"payment.failed\",\n  \"data\": }\n",
    )
    .unwrap();
    let err = Library::load_dir(dir.path()).unwrap_err();
    let SampleError::Parse {
        path, line, column, ..
    } = &err
    else {
        panic!("{err}")
    };
    assert!(path.ends_with("broken.json"));
    assert_eq!((*line, *column), (3, 11));
    let text = err.to_string();
    assert!(
        text.contains("broken.json") && text.contains("line 3, column 11"),
        "{text}"
    );

    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(
        Library::load_dir(empty.path()),
        Err(SampleError::Empty { .. })
    ));
    assert!(matches!(
        Library::load_dir(empty.path().join("nope")),
        Err(SampleError::ReadDir { .. })
    ));
}

// ----------------------------------------------------------------------------
// Samples through the engine

fn run_js(code: &str, sample: &Sample) -> crate::engine::Output {
    use crate::engine::{RunOptions, RunRequest, WebhookInput, run_in_process};
    let report = run_in_process(&RunRequest {
        code: code.to_owned(),
        input: WebhookInput::new(sample.payload.clone()),
        options: RunOptions::repeatable(),
    });
    match report.result {
        Ok(output) => output,
        Err(e) => panic!("{}: {e}", sample.name),
    }
}

#[test]
fn every_sample_survives_a_pass_through_handler_unchanged() {
    // Integers stay integers, key order and nulls are kept: what the endpoint would get.
    let code = "function handler(webhook) {\n  return webhook;\n}\n";
    for sample in lib().iter() {
        let output = run_js(code, sample);
        assert_eq!(output.payload, sample.payload, "{}", sample.name);
        let reparsed: Value = serde_json::from_str(&output.body()).unwrap();
        assert_eq!(reparsed, sample.payload, "{}", sample.name);
        assert_eq!(
            output.body(),
            serde_json::to_string(&sample.payload).unwrap(),
            "{}: key order changed",
            sample.name
        );
    }
}

#[test]
fn currency_variants_expose_the_divide_by_100_bug() {
    // What the dashboard's Segment example does with the amount.
    let code = "function handler(webhook) {\n  const p = webhook.payload.data;\n  webhook.payload = { naive: (p.total_amount / 100).toFixed(2), currency: p.currency };\n  return webhook;\n}\n";
    let naive = |name: &str| run_js(code, lib().get(name).unwrap()).payload["naive"].clone();
    assert_eq!(naive("payment.succeeded"), "54.00");
    // ¥4,980 would be reported as ¥49.80 and 12.500 KWD as 125.00.
    assert_eq!(naive("payment.succeeded.jpy"), "49.80");
    assert_eq!(naive("payment.succeeded.kwd"), "125.00");
    let ok = |name: &str| {
        let d = &lib().get(name).unwrap().payload["data"];
        format_minor_units(
            d["total_amount"].as_i64().unwrap(),
            d["currency"].as_str().unwrap(),
        )
    };
    assert_eq!(ok("payment.succeeded.jpy"), "4980");
    assert_eq!(ok("payment.succeeded.kwd"), "12.500");
}
