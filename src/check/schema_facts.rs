//! The few Dodo schema facts the checks need, behind one small interface keyed by event
//! type: does a field exist, which values an enum allows, a currency's exponent.
//!
//! TODO(check): delegate to `crate::samples::schema` once the samples module is in main.

use serde_json::Value;

const CUSTOMER: &[&str] = &["customer_id", "email", "name", "metadata", "phone_number"];
const BILLING: &[&str] = &["country", "city", "state", "street", "zipcode"];
const PAYMENT: &[&str] = &[
    "payload_type", "payment_id", "business_id", "brand_id", "created_at", "currency", "customer",
    "billing", "total_amount", "settlement_amount", "settlement_currency",
    "digital_products_delivered", "disputes", "refunds", "metadata", "is_update_payment_method",
    "payment_provider", "retry_attempt", "status", "payment_method", "payment_method_type",
    "payment_method_id", "card_last_four", "card_network", "card_type", "card_issuing_country",
    "card_holder_name", "subscription_id", "product_cart", "tax", "settlement_tax", "discount_id",
    "discounts", "error_code", "error_message", "invoice_id", "invoice_url", "payment_link",
    "checkout_session_id", "custom_field_responses", "refund_status", "updated_at",
];
const SUBSCRIPTION: &[&str] = &[
    "payload_type", "subscription_id", "product_id", "brand_id", "business_id", "customer", "billing",
    "currency", "status", "recurring_pre_tax_amount", "tax_inclusive", "quantity",
    "payment_frequency_count", "payment_frequency_interval", "subscription_period_count",
    "subscription_period_interval", "next_billing_date", "previous_billing_date", "created_at",
    "trial_period_days", "on_demand", "cancel_at_next_billing_date", "addons", "meters",
    "credit_entitlement_cart", "meter_credit_entitlement_cart", "metadata", "cancelled_at",
    "cancellation_comment", "cancellation_feedback", "expires_at", "paused_at", "discount_id",
    "discount_cycles_remaining", "discounts", "payment_method_id", "tax_id",
    "customer_business_name", "custom_field_responses", "trial_amount", "scheduled_change",
];
const REFUND: &[&str] = &[
    "payload_type", "refund_id", "payment_id", "business_id", "brand_id", "created_at", "customer",
    "is_partial", "metadata", "status", "amount", "currency", "reason",
];
const DISPUTE: &[&str] = &[
    "payload_type", "dispute_id", "payment_id", "business_id", "brand_id", "created_at", "amount",
    "currency", "customer", "dispute_stage", "dispute_status", "payment_provider",
    "is_resolved_by_rdr", "reason", "remarks",
];
const LICENSE_KEY: &[&str] = &[
    "payload_type", "id", "key", "business_id", "brand_id", "customer_id", "product_id", "created_at",
    "instances_count", "status", "source", "activations_limit", "expires_at", "payment_id",
    "subscription_id",
];
const DISPUTE_STATUS: &[&str] = &[
    "dispute_opened", "dispute_expired", "dispute_accepted", "dispute_cancelled",
    "dispute_challenged", "dispute_won", "dispute_lost",
];
const DISPUTE_STAGE: &[&str] = &["pre_dispute", "dispute", "pre_arbitration"];
const SUBSCRIPTION_STATUS: &[&str] =
    &["pending", "active", "on_hold", "paused", "cancelled", "failed", "expired"];
const REFUND_STATUS: &[&str] = &["succeeded", "failed", "pending", "review"];
const INTENT_STATUS: &[&str] = &[
    "succeeded", "failed", "cancelled", "processing", "requires_customer_action",
    "requires_merchant_action", "requires_payment_method", "requires_confirmation",
    "requires_capture", "partially_captured", "partially_captured_and_capturable",
];

/// The 48 Dodo event types.
pub(crate) const EVENT_TYPES: &[&str] = &[
    "payment.succeeded", "payment.failed", "payment.processing", "payment.cancelled",
    "refund.succeeded", "refund.failed", "dispute.opened", "dispute.expired", "dispute.accepted",
    "dispute.cancelled", "dispute.challenged", "dispute.won", "dispute.lost", "subscription.active",
    "subscription.renewed", "subscription.on_hold", "subscription.paused", "subscription.unpaused",
    "subscription.cancelled", "subscription.failed", "subscription.expired",
    "subscription.plan_changed", "subscription.updated", "subscription.update_payment_method",
    "license_key.created", "payout.created", "payout.on_hold", "payout.in_progress",
    "payout.failed", "payout.success", "credit.added", "credit.deducted", "credit.expired",
    "credit.rolled_over", "credit.rollover_forfeited", "credit.overage_charged",
    "credit.overage_reset", "credit.manual_adjustment", "credit.balance_low",
    "abandoned_checkout.detected", "abandoned_checkout.recovered", "dunning.started",
    "dunning.recovered", "entitlement_grant.created", "entitlement_grant.delivered",
    "entitlement_grant.failed", "entitlement_grant.revoked",
];

/// The top-level `data` fields of `event_type`'s schema, when this module knows them.
fn data_fields(event_type: &str) -> Option<&'static [&'static str]> {
    match event_type.split('.').next()? {
        "payment" => Some(PAYMENT),
        "subscription" => Some(SUBSCRIPTION),
        "refund" => Some(REFUND),
        "dispute" => Some(DISPUTE),
        "license_key" => Some(LICENSE_KEY),
        _ => None,
    }
}

/// Does the payload of `event_type` have `path` (relative to the envelope, e.g.
/// `data.customer.phone`)? `Some(false)` when it definitely lacks it, `None` when unknown.
pub(crate) fn field_exists(event_type: &str, path: &str) -> Option<bool> {
    let segs: Vec<&str> = path.split('.').collect();
    match segs.as_slice() {
        [] => Some(true),
        [top] => Some(["business_id", "type", "timestamp", "data"].contains(top)),
        [top, ..] if *top != "data" => Some(false),
        ["data", field] => data_fields(event_type).map(|f| f.contains(field)),
        ["data", parent, field, ..] => {
            let fields = data_fields(event_type)?;
            if !fields.contains(parent) {
                return Some(false);
            }
            match *parent {
                "customer" => Some(CUSTOMER.contains(field) && (segs.len() == 3 || *field == "metadata")),
                "billing" => Some(BILLING.contains(field) && segs.len() == 3),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The values allowed at `path` for `event_type`, when it is an enum.
pub(crate) fn enum_values(event_type: &str, path: &str) -> Option<&'static [&'static str]> {
    let group = event_type.split('.').next()?;
    match (group, path) {
        (_, "type") => Some(EVENT_TYPES),
        ("dispute", "data.dispute_status") => Some(DISPUTE_STATUS),
        ("dispute", "data.dispute_stage") => Some(DISPUTE_STAGE),
        ("subscription", "data.status") => Some(SUBSCRIPTION_STATUS),
        ("refund", "data.status") => Some(REFUND_STATUS),
        ("payment", "data.status") => Some(INTENT_STATUS),
        _ => None,
    }
}

/// Digits after the decimal point of a currency (2 unless listed).
pub(crate) fn currency_exponent(code: &str) -> u32 {
    const ZERO: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    let code = code.to_ascii_uppercase();
    if ZERO.contains(&code.as_str()) {
        0
    } else if THREE.contains(&code.as_str()) {
        3
    } else {
        2
    }
}

/// The event type of a pasted envelope: its `type`.
pub(crate) fn detect_event_type(payload: &Value) -> Option<String> {
    payload.get("type").and_then(Value::as_str).map(str::to_owned)
}

/// One schema problem in an envelope: (path, message, severity name).
pub(crate) fn check_envelope(payload: &Value) -> Vec<(String, String, &'static str)> {
    let mut out = Vec::new();
    let Some(map) = payload.as_object() else {
        out.push((String::new(), "the payload is not a JSON object".to_owned(), "error"));
        return out;
    };
    for key in ["business_id", "type", "timestamp", "data"] {
        if !map.contains_key(key) {
            out.push((key.to_owned(), format!("the envelope has no `{key}`"), "error"));
        }
    }
    if let Some(t) = map.get("type").and_then(Value::as_str)
        && !EVENT_TYPES.contains(&t)
    {
        out.push(("type".to_owned(), format!("{t:?} is not a Dodo event type"), "error"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts() {
        assert_eq!(field_exists("payment.succeeded", "data.customer.phone"), Some(false));
        assert_eq!(field_exists("payment.succeeded", "data.customer.phone_number"), Some(true));
        assert_eq!(field_exists("payment.succeeded", "data.product_id"), Some(false));
        assert_eq!(field_exists("subscription.active", "data.product_id"), Some(true));
        assert_eq!(field_exists("license_key.created", "data.customer"), Some(false));
        assert_eq!(field_exists("payment.succeeded", "data.metadata.anything"), None);
        assert_eq!(field_exists("payout.created", "data.x"), None);
        assert!(enum_values("dispute.won", "data.dispute_status").unwrap().contains(&"dispute_won"));
        assert_eq!(currency_exponent("jpy"), 0);
        assert_eq!(currency_exponent("KWD"), 3);
    }
}
