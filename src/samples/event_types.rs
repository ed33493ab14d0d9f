//! The Dodo event types (domain spec §2.2): name, group, schema and the status each implies.

use super::schema::Schema;

/// One Dodo webhook event type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventTypeInfo {
    /// The event type, e.g. `payment.succeeded` (= `payload.type` = `webhook.eventType`).
    pub name: &'static str,
    /// The group (the part before the dot), e.g. `payment`.
    pub group: &'static str,
    /// The schema of `data`.
    pub schema: Schema,
    /// The status field and value this event implies, e.g. `("dispute_status", "dispute_won")`.
    pub status: Option<(&'static str, &'static str)>,
}

const fn ev(
    name: &'static str,
    group: &'static str,
    schema: Schema,
    status: Option<(&'static str, &'static str)>,
) -> EventTypeInfo {
    EventTypeInfo {
        name,
        group,
        schema,
        status,
    }
}

/// All 48 event types in §2.2 order. `payout.not_initiated` is the former name of
/// `payout.created` and is still listed so older endpoints' events route.
pub const EVENT_TYPES: &[EventTypeInfo] = &[
    ev(
        "payment.succeeded",
        "payment",
        Schema::Payment,
        Some(("status", "succeeded")),
    ),
    ev(
        "payment.failed",
        "payment",
        Schema::Payment,
        Some(("status", "failed")),
    ),
    ev(
        "payment.processing",
        "payment",
        Schema::Payment,
        Some(("status", "processing")),
    ),
    ev(
        "payment.cancelled",
        "payment",
        Schema::Payment,
        Some(("status", "cancelled")),
    ),
    ev(
        "refund.succeeded",
        "refund",
        Schema::Refund,
        Some(("status", "succeeded")),
    ),
    ev(
        "refund.failed",
        "refund",
        Schema::Refund,
        Some(("status", "failed")),
    ),
    ev(
        "dispute.opened",
        "dispute",
        Schema::Dispute,
        Some(("dispute_status", "dispute_opened")),
    ),
    ev(
        "dispute.expired",
        "dispute",
        Schema::Dispute,
        Some(("dispute_status", "dispute_expired")),
    ),
    ev(
        "dispute.accepted",
        "dispute",
        Schema::Dispute,
        Some(("dispute_status", "dispute_accepted")),
    ),
    ev(
        "dispute.cancelled",
        "dispute",
        Schema::Dispute,
        Some(("dispute_status", "dispute_cancelled")),
    ),
    ev(
        "dispute.challenged",
        "dispute",
        Schema::Dispute,
        Some(("dispute_status", "dispute_challenged")),
    ),
    ev(
        "dispute.won",
        "dispute",
        Schema::Dispute,
        Some(("dispute_status", "dispute_won")),
    ),
    ev(
        "dispute.lost",
        "dispute",
        Schema::Dispute,
        Some(("dispute_status", "dispute_lost")),
    ),
    ev(
        "subscription.active",
        "subscription",
        Schema::Subscription,
        Some(("status", "active")),
    ),
    ev(
        "subscription.renewed",
        "subscription",
        Schema::Subscription,
        Some(("status", "active")),
    ),
    ev(
        "subscription.on_hold",
        "subscription",
        Schema::Subscription,
        Some(("status", "on_hold")),
    ),
    ev(
        "subscription.paused",
        "subscription",
        Schema::Subscription,
        Some(("status", "paused")),
    ),
    ev(
        "subscription.unpaused",
        "subscription",
        Schema::Subscription,
        Some(("status", "active")),
    ),
    ev(
        "subscription.cancelled",
        "subscription",
        Schema::Subscription,
        Some(("status", "cancelled")),
    ),
    ev(
        "subscription.failed",
        "subscription",
        Schema::Subscription,
        Some(("status", "failed")),
    ),
    ev(
        "subscription.expired",
        "subscription",
        Schema::Subscription,
        Some(("status", "expired")),
    ),
    ev(
        "subscription.plan_changed",
        "subscription",
        Schema::Subscription,
        Some(("status", "active")),
    ),
    ev(
        "subscription.updated",
        "subscription",
        Schema::Subscription,
        None,
    ),
    ev(
        "subscription.update_payment_method",
        "subscription",
        Schema::Subscription,
        None,
    ),
    ev(
        "license_key.created",
        "license_key",
        Schema::LicenseKey,
        None,
    ),
    ev(
        "payout.created",
        "payout",
        Schema::Payout,
        Some(("status", "not_initiated")),
    ),
    ev(
        "payout.not_initiated",
        "payout",
        Schema::Payout,
        Some(("status", "not_initiated")),
    ),
    ev(
        "payout.on_hold",
        "payout",
        Schema::Payout,
        Some(("status", "on_hold")),
    ),
    ev(
        "payout.in_progress",
        "payout",
        Schema::Payout,
        Some(("status", "in_progress")),
    ),
    ev(
        "payout.failed",
        "payout",
        Schema::Payout,
        Some(("status", "failed")),
    ),
    ev(
        "payout.success",
        "payout",
        Schema::Payout,
        Some(("status", "success")),
    ),
    ev(
        "credit.added",
        "credit",
        Schema::CreditLedgerEntry,
        Some(("transaction_type", "credit_added")),
    ),
    ev(
        "credit.deducted",
        "credit",
        Schema::CreditLedgerEntry,
        Some(("transaction_type", "credit_deducted")),
    ),
    ev(
        "credit.expired",
        "credit",
        Schema::CreditLedgerEntry,
        Some(("transaction_type", "credit_expired")),
    ),
    ev(
        "credit.rolled_over",
        "credit",
        Schema::CreditLedgerEntry,
        Some(("transaction_type", "credit_rolled_over")),
    ),
    ev(
        "credit.rollover_forfeited",
        "credit",
        Schema::CreditLedgerEntry,
        Some(("transaction_type", "rollover_forfeited")),
    ),
    ev(
        "credit.overage_charged",
        "credit",
        Schema::CreditLedgerEntry,
        Some(("transaction_type", "overage_charged")),
    ),
    ev(
        "credit.overage_reset",
        "credit",
        Schema::CreditLedgerEntry,
        Some(("transaction_type", "overage_reset")),
    ),
    ev(
        "credit.manual_adjustment",
        "credit",
        Schema::CreditLedgerEntry,
        Some(("transaction_type", "manual_adjustment")),
    ),
    ev(
        "credit.balance_low",
        "credit",
        Schema::CreditBalanceLow,
        None,
    ),
    ev(
        "abandoned_checkout.detected",
        "abandoned_checkout",
        Schema::AbandonedCheckout,
        Some(("status", "abandoned")),
    ),
    ev(
        "abandoned_checkout.recovered",
        "abandoned_checkout",
        Schema::AbandonedCheckout,
        Some(("status", "recovered")),
    ),
    ev(
        "dunning.started",
        "dunning",
        Schema::DunningAttempt,
        Some(("status", "recovering")),
    ),
    ev(
        "dunning.recovered",
        "dunning",
        Schema::DunningAttempt,
        Some(("status", "recovered")),
    ),
    ev(
        "entitlement_grant.created",
        "entitlement_grant",
        Schema::EntitlementGrant,
        Some(("status", "Pending")),
    ),
    ev(
        "entitlement_grant.delivered",
        "entitlement_grant",
        Schema::EntitlementGrant,
        Some(("status", "Delivered")),
    ),
    ev(
        "entitlement_grant.failed",
        "entitlement_grant",
        Schema::EntitlementGrant,
        Some(("status", "Failed")),
    ),
    ev(
        "entitlement_grant.revoked",
        "entitlement_grant",
        Schema::EntitlementGrant,
        Some(("status", "Revoked")),
    ),
];

/// The 48 event-type names, in the same order as [`EVENT_TYPES`].
pub const EVENT_TYPE_NAMES: &[&str] = &[
    "payment.succeeded",
    "payment.failed",
    "payment.processing",
    "payment.cancelled",
    "refund.succeeded",
    "refund.failed",
    "dispute.opened",
    "dispute.expired",
    "dispute.accepted",
    "dispute.cancelled",
    "dispute.challenged",
    "dispute.won",
    "dispute.lost",
    "subscription.active",
    "subscription.renewed",
    "subscription.on_hold",
    "subscription.paused",
    "subscription.unpaused",
    "subscription.cancelled",
    "subscription.failed",
    "subscription.expired",
    "subscription.plan_changed",
    "subscription.updated",
    "subscription.update_payment_method",
    "license_key.created",
    "payout.created",
    "payout.not_initiated",
    "payout.on_hold",
    "payout.in_progress",
    "payout.failed",
    "payout.success",
    "credit.added",
    "credit.deducted",
    "credit.expired",
    "credit.rolled_over",
    "credit.rollover_forfeited",
    "credit.overage_charged",
    "credit.overage_reset",
    "credit.manual_adjustment",
    "credit.balance_low",
    "abandoned_checkout.detected",
    "abandoned_checkout.recovered",
    "dunning.started",
    "dunning.recovered",
    "entitlement_grant.created",
    "entitlement_grant.delivered",
    "entitlement_grant.failed",
    "entitlement_grant.revoked",
];

/// The groups in §2.2 order, with a title for pickers.
pub const GROUPS: &[(&str, &str)] = &[
    ("payment", "Payments"),
    ("refund", "Refunds"),
    ("dispute", "Disputes"),
    ("subscription", "Subscriptions"),
    ("license_key", "License keys"),
    ("payout", "Payouts"),
    ("credit", "Credits"),
    ("abandoned_checkout", "Abandoned checkouts"),
    ("dunning", "Dunning"),
    ("entitlement_grant", "Entitlement grants"),
];

/// The event type named `name`.
pub fn event_type(name: &str) -> Option<&'static EventTypeInfo> {
    EVENT_TYPES.iter().find(|e| e.name == name)
}

/// A picker title for a group name (`"license_key"` → `"License keys"`); unknown groups
/// are shown as they are.
pub fn group_title(group: &str) -> &str {
    GROUPS
        .iter()
        .find(|(g, _)| *g == group)
        .map_or(group, |(_, title)| title)
}
