//! The Dodo webhook schema facts (domain spec §2): fields, types, enums and currencies per
//! payload type, and the checks that hold an envelope against them.

use serde_json::{Map, Value};

use super::event_types::{EVENT_TYPE_NAMES, EVENT_TYPES, EventTypeInfo, event_type};

// ----------------------------------------------------------------------------
// Types

/// The resource schema carried in `data`, named by `data.payload_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Schema {
    /// `Payment` (`payment.*`).
    Payment,
    /// `Refund` (`refund.*`).
    Refund,
    /// `Dispute` (`dispute.*`; the webhook union uses `GetDispute`).
    Dispute,
    /// `Subscription` (`subscription.*`).
    Subscription,
    /// `LicenseKey` (`license_key.created`).
    LicenseKey,
    /// `Payout` (`payout.*`).
    Payout,
    /// `CreditLedgerEntry` (`credit.*` except `credit.balance_low`).
    CreditLedgerEntry,
    /// `CreditBalanceLow` (`credit.balance_low`).
    CreditBalanceLow,
    /// `AbandonedCheckout` (`abandoned_checkout.*`).
    AbandonedCheckout,
    /// `DunningAttempt` (`dunning.*`).
    DunningAttempt,
    /// `EntitlementGrant` (`entitlement_grant.*`).
    EntitlementGrant,
}

impl Schema {
    /// Every schema, in the order of the event-type table.
    pub const ALL: [Self; 11] = [
        Self::Payment,
        Self::Refund,
        Self::Dispute,
        Self::Subscription,
        Self::LicenseKey,
        Self::Payout,
        Self::CreditLedgerEntry,
        Self::CreditBalanceLow,
        Self::AbandonedCheckout,
        Self::DunningAttempt,
        Self::EntitlementGrant,
    ];

    /// The `data.payload_type` value, e.g. `"Payment"`.
    pub fn payload_type(self) -> &'static str {
        self.payload_type_values()[0]
    }

    /// The schema whose `payload_type` is `value`.
    pub fn from_payload_type(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.payload_type() == value)
    }

    /// The fields of `data` (besides `payload_type`), in schema order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Self::Payment => PAYMENT,
            Self::Refund => REFUND,
            Self::Dispute => DISPUTE,
            Self::Subscription => SUBSCRIPTION,
            Self::LicenseKey => LICENSE_KEY,
            Self::Payout => PAYOUT,
            Self::CreditLedgerEntry => CREDIT_LEDGER_ENTRY,
            Self::CreditBalanceLow => CREDIT_BALANCE_LOW,
            Self::AbandonedCheckout => ABANDONED_CHECKOUT,
            Self::DunningAttempt => DUNNING_ATTEMPT,
            Self::EntitlementGrant => ENTITLEMENT_GRANT,
        }
    }

    /// The names of the fields `data` must have (besides `payload_type`).
    pub fn required_fields(self) -> impl Iterator<Item = &'static str> {
        self.fields().iter().filter(|f| f.required).map(|f| f.name)
    }

    /// The names of the fields `data` may have (usually present, possibly `null`).
    pub fn optional_fields(self) -> impl Iterator<Item = &'static str> {
        self.fields().iter().filter(|f| !f.required).map(|f| f.name)
    }

    /// The event types that carry this schema, in §2.2 order.
    pub fn event_types(self) -> impl Iterator<Item = &'static EventTypeInfo> {
        EVENT_TYPES.iter().filter(move |e| e.schema == self)
    }

    /// A one-element slice holding the `payload_type` value (for [`enum_values`]).
    fn payload_type_values(self) -> &'static [&'static str] {
        match self {
            Self::Payment => &["Payment"],
            Self::Refund => &["Refund"],
            Self::Dispute => &["Dispute"],
            Self::Subscription => &["Subscription"],
            Self::LicenseKey => &["LicenseKey"],
            Self::Payout => &["Payout"],
            Self::CreditLedgerEntry => &["CreditLedgerEntry"],
            Self::CreditBalanceLow => &["CreditBalanceLow"],
            Self::AbandonedCheckout => &["AbandonedCheckout"],
            Self::DunningAttempt => &["DunningAttempt"],
            Self::EntitlementGrant => &["EntitlementGrant"],
        }
    }
}

impl std::fmt::Display for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.payload_type())
    }
}

/// The type of one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// Any string.
    String,
    /// An id string that starts with this prefix and `_` (e.g. `pay` for `pay_…`).
    Id(&'static str),
    /// An ISO-8601 / RFC 3339 date-time string.
    DateTime,
    /// An email address.
    Email,
    /// An integer amount in the currency's smallest unit (cents, yen, fils).
    Amount,
    /// An integer that is not money (counts, quantities, days).
    Integer,
    /// Any JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A decimal number written as a string (`Dispute.amount`, credit balances).
    DecimalString,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// A 3-letter upper-case ISO-4217 code from [`CURRENCIES`].
    Currency,
    /// An ISO-3166 alpha-2 country code.
    Country,
    /// `Metadata`: an object of string, number or boolean values with free keys.
    Metadata,
    /// An object with these fields.
    Object(&'static [Field]),
    /// An object whose fields the spec does not give.
    AnyObject,
    /// An array of this element type.
    Array(&'static Ty),
    /// Anything; the spec does not give the shape.
    Any,
}

impl Ty {
    /// How the type reads in a hint or a finding, e.g. "integer amount (minor units)".
    pub fn describe(&self) -> String {
        match self {
            Self::String => "string".into(),
            Self::Id(prefix) => format!("id string ({prefix}_…)"),
            Self::DateTime => "ISO-8601 date-time string".into(),
            Self::Email => "email string".into(),
            Self::Amount => "integer amount (minor units)".into(),
            Self::Integer => "integer".into(),
            Self::Number => "number".into(),
            Self::Boolean => "boolean".into(),
            Self::DecimalString => "decimal number as a string".into(),
            Self::Enum(values) => format!("one of {}", values.join("|")),
            Self::Currency => "currency code (ISO-4217)".into(),
            Self::Country => "country code (ISO-3166 alpha-2)".into(),
            Self::Metadata => "metadata object".into(),
            Self::Object(_) | Self::AnyObject => "object".into(),
            Self::Array(item) => format!("array of {}", item.describe()),
            Self::Any => "any JSON value".into(),
        }
    }

    /// The JSON kind the type needs, as used in "expected …" messages.
    fn json_kind(&self) -> &'static str {
        match self {
            Self::String
            | Self::Id(_)
            | Self::DateTime
            | Self::Email
            | Self::DecimalString
            | Self::Enum(_)
            | Self::Currency
            | Self::Country => "a string",
            Self::Amount | Self::Integer => "an integer",
            Self::Number => "a number",
            Self::Boolean => "a boolean",
            Self::Metadata | Self::Object(_) | Self::AnyObject => "an object",
            Self::Array(_) => "an array",
            Self::Any => "any value",
        }
    }
}

/// One field of a schema or sub-object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// The key must be present (and non-null).
    pub required: bool,
    /// `null` is a valid value.
    pub nullable: bool,
}

const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: true,
        nullable: false,
    }
}

const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: false,
        nullable: true,
    }
}

// ----------------------------------------------------------------------------
// Enums

/// `IntentStatus` (`Payment.status`).
pub const INTENT_STATUS: &[&str] = &[
    "succeeded",
    "failed",
    "cancelled",
    "processing",
    "requires_customer_action",
    "requires_merchant_action",
    "requires_payment_method",
    "requires_confirmation",
    "requires_capture",
    "partially_captured",
    "partially_captured_and_capturable",
];
/// `SubscriptionStatus`.
pub const SUBSCRIPTION_STATUS: &[&str] = &[
    "pending",
    "active",
    "on_hold",
    "paused",
    "cancelled",
    "failed",
    "expired",
];
/// `TimeInterval` (capitalised).
pub const TIME_INTERVAL: &[&str] = &["Day", "Week", "Month", "Year"];
/// `Dispute.dispute_status`.
pub const DISPUTE_STATUS: &[&str] = &[
    "dispute_opened",
    "dispute_expired",
    "dispute_accepted",
    "dispute_cancelled",
    "dispute_challenged",
    "dispute_won",
    "dispute_lost",
];
/// `Dispute.dispute_stage`.
pub const DISPUTE_STAGE: &[&str] = &["pre_dispute", "dispute", "pre_arbitration"];
/// `RefundStatus`.
pub const REFUND_STATUS: &[&str] = &["succeeded", "failed", "pending", "review"];
/// `Payment.refund_status`.
pub const PAYMENT_REFUND_STATUS: &[&str] = &["partial", "full"];
/// `LicenseKey.status`.
pub const LICENSE_KEY_STATUS: &[&str] = &["active", "expired", "disabled"];
/// `LicenseKey.source`.
pub const LICENSE_KEY_SOURCE: &[&str] = &["auto", "import", "manual"];
/// `Payout.status`.
pub const PAYOUT_STATUS: &[&str] = &[
    "not_initiated",
    "in_progress",
    "on_hold",
    "failed",
    "success",
];
/// `CreditLedgerEntry.transaction_type`.
pub const CREDIT_TRANSACTION_TYPE: &[&str] = &[
    "credit_added",
    "credit_deducted",
    "credit_expired",
    "credit_rolled_over",
    "rollover_forfeited",
    "overage_charged",
    "overage_reset",
    "auto_top_up",
    "manual_adjustment",
    "refund",
];
/// `AbandonedCheckout.status`.
pub const ABANDONED_STATUS: &[&str] = &[
    "abandoned",
    "recovering",
    "recovered",
    "exhausted",
    "opted_out",
];
/// `AbandonedCheckout.abandonment_reason`.
pub const ABANDONMENT_REASON: &[&str] = &["payment_failed", "checkout_incomplete"];
/// `DunningAttempt.status`.
pub const DUNNING_STATUS: &[&str] = &["recovering", "recovered", "exhausted"];
/// `DunningAttempt.trigger_state` (newer SDKs add `past_due`).
pub const DUNNING_TRIGGER_STATE: &[&str] = &["on_hold", "cancelled", "past_due"];
/// `EntitlementGrant.status` (capitalised).
pub const ENTITLEMENT_GRANT_STATUS: &[&str] = &["Pending", "Delivered", "Failed", "Revoked"];
/// `Subscription.cancellation_feedback`.
pub const CANCELLATION_FEEDBACK: &[&str] = &[
    "too_expensive",
    "missing_features",
    "switched_service",
    "unused",
    "customer_service",
    "low_quality",
    "too_complex",
    "other",
];
/// `Payment.payment_provider`.
pub const PAYMENT_PROVIDER: &[&str] = &["stripe", "adyen", "dodo"];

/// The ISO-4217 codes of Dodo's `Currency` enum.
pub const CURRENCIES: &[&str] = &[
    "AED", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BWP", "BYN", "BZD", "CAD", "CHF", "CLP",
    "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ETB", "EUR",
    "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK",
    "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF",
    "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA",
    "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS",
    "SRD", "SSP", "STN", "SVC", "SZL", "THB", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH",
    "UGX", "USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER",
    "ZAR", "ZMW",
];

/// The ISO-3166 alpha-2 codes of Dodo's `CountryCode` enum.
pub const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Currencies with no minor unit: amounts are whole units (4980 JPY = ¥4,980).
pub const ZERO_DECIMAL_CURRENCIES: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];

/// Currencies with three decimals: amounts are thousandths (12500 KWD = 12.500 KWD).
pub const THREE_DECIMAL_CURRENCIES: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// How many decimals the currency's minor unit has: 0 for JPY/KRW/VND…, 3 for
/// KWD/BHD/JOD/OMR/TND/LYD/IQD, otherwise 2. Case-insensitive.
pub fn currency_exponent(code: &str) -> u32 {
    let code = code.trim().to_ascii_uppercase();
    if ZERO_DECIMAL_CURRENCIES.contains(&code.as_str()) {
        0
    } else if THREE_DECIMAL_CURRENCIES.contains(&code.as_str()) {
        3
    } else {
        2
    }
}

/// Formats a minor-unit amount in major units with the currency's decimals:
/// `format_minor_units(4980, "JPY") == "4980"`, `(12500, "KWD") == "12.500"`, `(5400, "USD") == "54.00"`.
pub fn format_minor_units(amount: i64, currency: &str) -> String {
    let exponent = currency_exponent(currency);
    if exponent == 0 {
        return amount.to_string();
    }
    let scale = 10_u64.pow(exponent);
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = exponent as usize
    )
}

// ----------------------------------------------------------------------------
// Field tables (domain spec §2.3–2.7)

/// `CustomerLimitedDetails` (`data.customer`). There is no `phone` and no `company`.
pub const CUSTOMER: &[Field] = &[
    req("customer_id", Ty::Id("cus")),
    req("email", Ty::Email),
    req("name", Ty::String),
    opt("metadata", Ty::Metadata),
    opt("phone_number", Ty::String),
];

/// `BillingAddress` (`data.billing`).
pub const BILLING_ADDRESS: &[Field] = &[
    req("country", Ty::Country),
    opt("city", Ty::String),
    opt("state", Ty::String),
    opt("street", Ty::String),
    opt("zipcode", Ty::String),
];

/// One `product_cart` item.
pub const PRODUCT_CART_ITEM: &[Field] = &[
    req("product_id", Ty::Id("pdt")),
    req("quantity", Ty::Integer),
];

/// `RefundListItem` (`Payment.refunds[]`).
pub const REFUND_LIST_ITEM: &[Field] = &[
    req("business_id", Ty::Id("bus")),
    req("created_at", Ty::DateTime),
    req("is_partial", Ty::Boolean),
    req("payment_id", Ty::Id("pay")),
    req("refund_id", Ty::Id("ref")),
    req("status", Ty::Enum(REFUND_STATUS)),
    opt("amount", Ty::Amount),
    opt("currency", Ty::Currency),
    opt("reason", Ty::String),
];

/// The plain `Dispute` (`Payment.disputes[]`).
pub const DISPUTE_LIST_ITEM: &[Field] = &[
    req("dispute_id", Ty::Id("dis")),
    req("payment_id", Ty::Id("pay")),
    req("business_id", Ty::Id("bus")),
    req("amount", Ty::DecimalString),
    req("currency", Ty::Currency),
    req("created_at", Ty::DateTime),
    req("dispute_stage", Ty::Enum(DISPUTE_STAGE)),
    req("dispute_status", Ty::Enum(DISPUTE_STATUS)),
    opt("remarks", Ty::String),
];

/// One `custom_field_responses` item.
pub const CUSTOM_FIELD_RESPONSE: &[Field] = &[req("key", Ty::String), req("value", Ty::String)];

/// One `addons` item.
pub const ADDON_CART_ITEM: &[Field] = &[req("addon_id", Ty::String), req("quantity", Ty::Integer)];

/// One `Subscription.meters` item.
pub const METER: &[Field] = &[
    req("meter_id", Ty::String),
    req("name", Ty::String),
    req("currency", Ty::Currency),
    req("free_threshold", Ty::Integer),
    req("measurement_unit", Ty::String),
    opt("price_per_unit", Ty::DecimalString),
    opt("description", Ty::String),
];

/// `Subscription.scheduled_change`.
pub const SCHEDULED_CHANGE: &[Field] = &[
    req("id", Ty::String),
    req("product_id", Ty::Id("pdt")),
    req("quantity", Ty::Integer),
    req("effective_at", Ty::DateTime),
    req("created_at", Ty::DateTime),
    req("addons", Ty::Array(&Ty::Object(ADDON_CART_ITEM))),
    opt("product_name", Ty::String),
    opt("product_description", Ty::String),
];

/// `LicenseKeyGrant` (`EntitlementGrant.license_key`).
pub const LICENSE_KEY_GRANT: &[Field] = &[
    req("activations_used", Ty::Integer),
    req("key", Ty::String),
    opt("activations_limit", Ty::Integer),
    opt("expires_at", Ty::DateTime),
];

/// `Payment` (§2.4).
pub const PAYMENT: &[Field] = &[
    req("payment_id", Ty::Id("pay")),
    req("business_id", Ty::Id("bus")),
    req("brand_id", Ty::String),
    req("created_at", Ty::DateTime),
    req("currency", Ty::Currency),
    req("customer", Ty::Object(CUSTOMER)),
    req("billing", Ty::Object(BILLING_ADDRESS)),
    req("total_amount", Ty::Amount),
    req("settlement_amount", Ty::Amount),
    req("settlement_currency", Ty::Currency),
    req("digital_products_delivered", Ty::Boolean),
    req("disputes", Ty::Array(&Ty::Object(DISPUTE_LIST_ITEM))),
    req("refunds", Ty::Array(&Ty::Object(REFUND_LIST_ITEM))),
    req("metadata", Ty::Metadata),
    req("is_update_payment_method", Ty::Boolean),
    req("payment_provider", Ty::Enum(PAYMENT_PROVIDER)),
    req("retry_attempt", Ty::Integer),
    opt("status", Ty::Enum(INTENT_STATUS)),
    opt("payment_method", Ty::String),
    opt("payment_method_type", Ty::String),
    opt("payment_method_id", Ty::String),
    opt("card_last_four", Ty::String),
    opt("card_network", Ty::String),
    opt("card_type", Ty::String),
    opt("card_issuing_country", Ty::Country),
    opt("card_holder_name", Ty::String),
    opt("subscription_id", Ty::Id("sub")),
    opt("product_cart", Ty::Array(&Ty::Object(PRODUCT_CART_ITEM))),
    opt("tax", Ty::Amount),
    opt("settlement_tax", Ty::Amount),
    opt("discount_id", Ty::String),
    opt("discounts", Ty::Array(&Ty::Any)),
    opt("error_code", Ty::String),
    opt("error_message", Ty::String),
    opt("invoice_id", Ty::String),
    opt("invoice_url", Ty::String),
    opt("payment_link", Ty::String),
    opt("checkout_session_id", Ty::String),
    opt(
        "custom_field_responses",
        Ty::Array(&Ty::Object(CUSTOM_FIELD_RESPONSE)),
    ),
    opt("refund_status", Ty::Enum(PAYMENT_REFUND_STATUS)),
    opt("updated_at", Ty::DateTime),
];

/// `Subscription` (§2.5).
pub const SUBSCRIPTION: &[Field] = &[
    req("subscription_id", Ty::Id("sub")),
    req("product_id", Ty::Id("pdt")),
    req("brand_id", Ty::String),
    req("customer", Ty::Object(CUSTOMER)),
    req("billing", Ty::Object(BILLING_ADDRESS)),
    req("currency", Ty::Currency),
    req("status", Ty::Enum(SUBSCRIPTION_STATUS)),
    req("recurring_pre_tax_amount", Ty::Amount),
    req("tax_inclusive", Ty::Boolean),
    req("quantity", Ty::Integer),
    req("payment_frequency_count", Ty::Integer),
    req("payment_frequency_interval", Ty::Enum(TIME_INTERVAL)),
    req("subscription_period_count", Ty::Integer),
    req("subscription_period_interval", Ty::Enum(TIME_INTERVAL)),
    req("next_billing_date", Ty::DateTime),
    req("previous_billing_date", Ty::DateTime),
    req("created_at", Ty::DateTime),
    req("trial_period_days", Ty::Integer),
    req("on_demand", Ty::Boolean),
    req("cancel_at_next_billing_date", Ty::Boolean),
    req("addons", Ty::Array(&Ty::Object(ADDON_CART_ITEM))),
    req("meters", Ty::Array(&Ty::Object(METER))),
    req("credit_entitlement_cart", Ty::Array(&Ty::Any)),
    req("meter_credit_entitlement_cart", Ty::Array(&Ty::Any)),
    req("metadata", Ty::Metadata),
    opt("cancelled_at", Ty::DateTime),
    opt("cancellation_comment", Ty::String),
    opt("cancellation_feedback", Ty::Enum(CANCELLATION_FEEDBACK)),
    opt("expires_at", Ty::DateTime),
    opt("paused_at", Ty::DateTime),
    opt("discount_id", Ty::String),
    opt("discount_cycles_remaining", Ty::Integer),
    opt("discounts", Ty::Array(&Ty::Any)),
    opt("payment_method_id", Ty::String),
    opt("tax_id", Ty::String),
    opt("customer_business_name", Ty::String),
    opt(
        "custom_field_responses",
        Ty::Array(&Ty::Object(CUSTOM_FIELD_RESPONSE)),
    ),
    opt("trial_amount", Ty::Amount),
    opt("scheduled_change", Ty::Object(SCHEDULED_CHANGE)),
];

/// `Refund` (§2.6).
pub const REFUND: &[Field] = &[
    req("refund_id", Ty::Id("ref")),
    req("payment_id", Ty::Id("pay")),
    req("business_id", Ty::Id("bus")),
    req("brand_id", Ty::String),
    req("created_at", Ty::DateTime),
    req("customer", Ty::Object(CUSTOMER)),
    req("is_partial", Ty::Boolean),
    req("metadata", Ty::Metadata),
    req("status", Ty::Enum(REFUND_STATUS)),
    opt("amount", Ty::Amount),
    opt("currency", Ty::Currency),
    opt("reason", Ty::String),
];

/// `GetDispute` (§2.6). `brand_id`, `customer` and `payment_provider` are optional here
/// because the plainer per-event `Dispute` type lacks them (open question Q6).
pub const DISPUTE: &[Field] = &[
    req("dispute_id", Ty::Id("dis")),
    req("payment_id", Ty::Id("pay")),
    req("business_id", Ty::Id("bus")),
    opt("brand_id", Ty::String),
    req("created_at", Ty::DateTime),
    req("amount", Ty::DecimalString),
    req("currency", Ty::Currency),
    opt("customer", Ty::Object(CUSTOMER)),
    req("dispute_stage", Ty::Enum(DISPUTE_STAGE)),
    req("dispute_status", Ty::Enum(DISPUTE_STATUS)),
    opt("payment_provider", Ty::String),
    opt("is_resolved_by_rdr", Ty::Boolean),
    opt("reason", Ty::String),
    opt("remarks", Ty::String),
];

/// `LicenseKey` (§2.6). There is no nested customer object.
pub const LICENSE_KEY: &[Field] = &[
    req("id", Ty::Id("lic")),
    req("key", Ty::String),
    req("business_id", Ty::Id("bus")),
    req("brand_id", Ty::String),
    req("customer_id", Ty::Id("cus")),
    req("product_id", Ty::Id("pdt")),
    req("created_at", Ty::DateTime),
    req("instances_count", Ty::Integer),
    req("status", Ty::Enum(LICENSE_KEY_STATUS)),
    req("source", Ty::Enum(LICENSE_KEY_SOURCE)),
    opt("activations_limit", Ty::Integer),
    opt("expires_at", Ty::DateTime),
    opt("payment_id", Ty::Id("pay")),
    opt("subscription_id", Ty::Id("sub")),
];

/// `Payout` (§2.7). `chargebacks`, `refunds` and `tax` are deprecated but still sent.
pub const PAYOUT: &[Field] = &[
    req("payout_id", Ty::String),
    req("business_id", Ty::Id("bus")),
    req("amount", Ty::Amount),
    req("fee", Ty::Amount),
    req("currency", Ty::Currency),
    req("payment_method", Ty::String),
    req("status", Ty::Enum(PAYOUT_STATUS)),
    req("created_at", Ty::DateTime),
    req("updated_at", Ty::DateTime),
    req("chargebacks", Ty::Amount),
    req("refunds", Ty::Amount),
    req("tax", Ty::Amount),
    opt("name", Ty::String),
    opt("payout_document_url", Ty::String),
    opt("remarks", Ty::String),
];

/// `CreditLedgerEntry` (§2.7). Amounts and balances are decimal strings.
pub const CREDIT_LEDGER_ENTRY: &[Field] = &[
    req("id", Ty::String),
    req("brand_id", Ty::String),
    req("business_id", Ty::Id("bus")),
    req("customer_id", Ty::Id("cus")),
    req("credit_entitlement_id", Ty::Id("cde")),
    req("created_at", Ty::DateTime),
    req("amount", Ty::DecimalString),
    req("balance_before", Ty::DecimalString),
    req("balance_after", Ty::DecimalString),
    req("overage_before", Ty::DecimalString),
    req("overage_after", Ty::DecimalString),
    req("is_credit", Ty::Boolean),
    req("transaction_type", Ty::Enum(CREDIT_TRANSACTION_TYPE)),
    req("metadata", Ty::Metadata),
    opt("description", Ty::String),
    opt("grant_id", Ty::String),
    opt("reference_id", Ty::String),
    opt("reference_type", Ty::String),
];

/// `CreditBalanceLow` (§2.7).
pub const CREDIT_BALANCE_LOW: &[Field] = &[
    req("available_balance", Ty::DecimalString),
    req("brand_id", Ty::String),
    req("credit_entitlement_id", Ty::Id("cde")),
    req("credit_entitlement_name", Ty::String),
    req("customer_id", Ty::Id("cus")),
    req("subscription_credits_amount", Ty::DecimalString),
    req("subscription_id", Ty::Id("sub")),
    req("threshold_amount", Ty::DecimalString),
    req("threshold_percent", Ty::Number),
];

/// `AbandonedCheckout` (§2.7).
pub const ABANDONED_CHECKOUT: &[Field] = &[
    req("abandoned_at", Ty::DateTime),
    req("abandonment_reason", Ty::Enum(ABANDONMENT_REASON)),
    req("brand_id", Ty::String),
    req("customer_id", Ty::Id("cus")),
    req("payment_id", Ty::Id("pay")),
    req("status", Ty::Enum(ABANDONED_STATUS)),
    opt("recovered_payment_id", Ty::Id("pay")),
];

/// `DunningAttempt` (§2.7).
pub const DUNNING_ATTEMPT: &[Field] = &[
    req("brand_id", Ty::String),
    req("created_at", Ty::DateTime),
    req("customer_id", Ty::Id("cus")),
    req("subscription_id", Ty::Id("sub")),
    req("status", Ty::Enum(DUNNING_STATUS)),
    req("trigger_state", Ty::Enum(DUNNING_TRIGGER_STATE)),
    opt("payment_id", Ty::Id("pay")),
];

/// `EntitlementGrant` (§2.7).
pub const ENTITLEMENT_GRANT: &[Field] = &[
    req("id", Ty::Id("entg")),
    req("brand_id", Ty::String),
    req("business_id", Ty::Id("bus")),
    req("customer_id", Ty::Id("cus")),
    req("entitlement_id", Ty::Id("ent")),
    req("integration_type", Ty::String),
    req("metadata", Ty::Metadata),
    req("status", Ty::Enum(ENTITLEMENT_GRANT_STATUS)),
    req("created_at", Ty::DateTime),
    req("updated_at", Ty::DateTime),
    opt("delivered_at", Ty::DateTime),
    opt("digital_product_delivery", Ty::AnyObject),
    opt("error_code", Ty::String),
    opt("error_message", Ty::String),
    opt("license_key", Ty::Object(LICENSE_KEY_GRANT)),
    opt("oauth_expires_at", Ty::DateTime),
    opt("oauth_url", Ty::String),
    opt("payment_id", Ty::Id("pay")),
    opt("revocation_reason", Ty::String),
    opt("revoked_at", Ty::DateTime),
    opt("subscription_id", Ty::Id("sub")),
];

/// The envelope around `data` (§2.1); `type` and `data` are checked on their own.
const ENVELOPE: &[Field] = &[
    req("business_id", Ty::Id("bus")),
    req("type", Ty::String),
    req("timestamp", Ty::DateTime),
    req("data", Ty::AnyObject),
];

// ----------------------------------------------------------------------------
// Path lookups

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index,
}

/// Splits `data.customer.email`, `data.refunds[0].amount`, `data["customer"]?.email` into
/// segments. A leading `webhook.` and `payload.` are dropped, so JS paths work too.
fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = path.trim().chars().peekable();
    let flush = |current: &mut String, out: &mut Vec<Segment>| {
        if !current.is_empty() {
            let key = std::mem::take(current);
            if key.chars().all(|c| c.is_ascii_digit()) {
                out.push(Segment::Index);
            } else {
                out.push(Segment::Key(key));
            }
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '.' | '?' => flush(&mut current, &mut out),
            '[' => {
                flush(&mut current, &mut out);
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inner.push(c);
                }
                let inner = inner.trim();
                let unquoted = inner.trim_matches(|c| c == '"' || c == '\'' || c == '`');
                if unquoted.len() == inner.len()
                    && !inner.is_empty()
                    && inner.chars().all(|c| c.is_ascii_digit())
                {
                    out.push(Segment::Index);
                } else if unquoted.len() != inner.len() {
                    out.push(Segment::Key(unquoted.to_owned()));
                } else {
                    // `[i]` with a variable: an index into an array.
                    out.push(Segment::Index);
                }
            }
            _ => current.push(c),
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The payload path inside a JS path: `webhook.payload.data.x` and `payload.data.x` become
/// `data.x`. `None` for other parts of the `webhook` object (`webhook.eventType`, `webhook.env.X`).
fn payload_segments(path: &str) -> Option<Vec<Segment>> {
    let mut segs = segments(path);
    let key =
        |segs: &[Segment], name: &str| matches!(segs.first(), Some(Segment::Key(k)) if k == name);
    if key(&segs, "webhook") {
        segs.remove(0);
        if !key(&segs, "payload") {
            return None;
        }
    }
    if key(&segs, "payload") {
        segs.remove(0);
    }
    Some(segs)
}

/// What a path leads to.
enum Lookup {
    /// A field whose type is known.
    Ty(&'static Ty),
    /// `type` (the event type) or `data.payload_type`.
    Discriminator(&'static [&'static str]),
    /// The whole envelope or the whole `data`.
    Root(&'static [Field]),
    /// Inside free-form data (metadata, untyped arrays): the schema does not say.
    Unknown,
    /// The schema has no such field.
    Missing,
}

fn lookup(schema: Schema, path: &str) -> Lookup {
    let Some(segs) = payload_segments(path) else {
        // `webhook.eventType` equals `payload.type`.
        let event_type = [
            Segment::Key("webhook".into()),
            Segment::Key("eventType".into()),
        ];
        if segments(path) == event_type {
            return Lookup::Discriminator(EVENT_TYPE_NAMES);
        }
        return Lookup::Unknown;
    };
    let mut rest = segs.iter();
    let Some(first) = rest.next() else {
        return Lookup::Root(ENVELOPE);
    };
    let Segment::Key(first) = first else {
        return Lookup::Missing;
    };
    match first.as_str() {
        "type" => {
            return if rest.next().is_none() {
                Lookup::Discriminator(EVENT_TYPE_NAMES)
            } else {
                Lookup::Missing
            };
        }
        "business_id" | "timestamp" => {
            return if rest.next().is_none() {
                Lookup::Ty(if first == "timestamp" {
                    &Ty::DateTime
                } else {
                    &Ty::Id("bus")
                })
            } else {
                Lookup::Missing
            };
        }
        "data" => {}
        _ => return Lookup::Missing,
    }
    let Some(second) = rest.next() else {
        return Lookup::Root(schema.fields());
    };
    let Segment::Key(second) = second else {
        return Lookup::Missing;
    };
    if second == "payload_type" {
        return if rest.next().is_none() {
            Lookup::Discriminator(schema.payload_type_values())
        } else {
            Lookup::Missing
        };
    }
    let Some(mut field) = schema.fields().iter().find(|f| f.name == second) else {
        return Lookup::Missing;
    };
    let mut ty = &field.ty;
    for seg in rest {
        match (ty, seg) {
            (Ty::Object(fields), Segment::Key(key)) => {
                let Some(next) = fields.iter().find(|f| f.name == key) else {
                    return Lookup::Missing;
                };
                field = next;
                ty = &field.ty;
            }
            (Ty::Array(item), Segment::Index) => ty = item,
            (Ty::Metadata | Ty::AnyObject | Ty::Any, _) => return Lookup::Unknown,
            (Ty::Array(_), Segment::Key(key)) if key == "length" => {
                return Lookup::Ty(&Ty::Integer);
            }
            _ => return Lookup::Missing,
        }
    }
    Lookup::Ty(ty)
}

/// Does the schema have this field? `Some(false)` when it definitely lacks it (e.g.
/// `data.customer.phone`), `None` when the schema cannot say (inside `metadata`).
/// Paths may use dots or brackets and may start with `webhook.payload.`.
pub fn field_path_exists(schema: Schema, path: &str) -> Option<bool> {
    match lookup(schema, path) {
        Lookup::Ty(_) | Lookup::Discriminator(_) | Lookup::Root(_) => Some(true),
        Lookup::Unknown => None,
        Lookup::Missing => Some(false),
    }
}

/// The same as [`field_path_exists`] (the name the common brief uses).
pub fn field_exists(schema: Schema, path: &str) -> Option<bool> {
    field_path_exists(schema, path)
}

/// The type of the field at `path`, when the schema knows it.
pub fn field_type(schema: Schema, path: &str) -> Option<&'static Ty> {
    match lookup(schema, path) {
        Lookup::Ty(ty) => Some(ty),
        _ => None,
    }
}

/// The fields directly under `path` (`""` is the envelope, `"data"` the resource), for
/// autocomplete and field pickers.
pub fn child_fields(schema: Schema, path: &str) -> Option<&'static [Field]> {
    match lookup(schema, path) {
        Lookup::Root(fields) => Some(fields),
        Lookup::Ty(Ty::Object(fields)) => Some(fields),
        Lookup::Ty(Ty::Array(Ty::Object(fields))) => Some(fields),
        _ => None,
    }
}

/// The allowed values at `path` if it is an enum: e.g. `data.dispute_status` on Dispute,
/// `type` (the 48 event types), `data.currency` (the currency codes).
pub fn enum_values(schema: Schema, path: &str) -> Option<&'static [&'static str]> {
    match lookup(schema, path) {
        Lookup::Ty(Ty::Enum(values)) => Some(values),
        Lookup::Ty(Ty::Currency) => Some(CURRENCIES),
        Lookup::Discriminator(values) => Some(values),
        _ => None,
    }
}

// ----------------------------------------------------------------------------
// Checks

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing (a field Dodo does not send).
    Info,
    /// Allowed by JSON but not what Dodo sends (enum value, id prefix, date format).
    Warning,
    /// Breaks the schema: a missing field, a wrong type, an unroutable envelope.
    Error,
}

impl Severity {
    /// Lower-case name for the CLI and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// What kind of problem a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// The payload or `data` is not a JSON object.
    NotAnObject,
    /// A required field is absent.
    MissingField,
    /// A field that may not be `null` is `null`.
    NullField,
    /// The JSON type is wrong (e.g. a string where a number belongs).
    WrongType,
    /// An amount is not an integer in minor units (e.g. `54.0` or `"54.00"`).
    AmountNotInteger,
    /// A string outside its enum.
    BadEnum,
    /// A string with the wrong shape: id prefix, date-time, currency or country code, email.
    BadFormat,
    /// `type` is not one of the 48 Dodo event types.
    UnknownEventType,
    /// `data.payload_type` does not match the event type.
    PayloadTypeMismatch,
    /// A field the schema does not have.
    UnknownField,
    /// The status field disagrees with the event type (e.g. `dispute.won` with `dispute_lost`).
    StatusMismatch,
}

/// One problem found in an envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaFinding {
    /// JSON path of the field, e.g. `data.customer.email` or `data.refunds[0].status`.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// How bad it is.
    pub severity: Severity,
    /// The kind of problem.
    pub kind: FindingKind,
}

impl std::fmt::Display for SchemaFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = if self.path.is_empty() {
            "(payload)"
        } else {
            &self.path
        };
        write!(f, "{}: {path}: {}", self.severity.as_str(), self.message)
    }
}

struct Checker {
    findings: Vec<SchemaFinding>,
}

impl Checker {
    fn push(&mut self, path: &str, severity: Severity, kind: FindingKind, message: String) {
        self.findings.push(SchemaFinding {
            path: path.to_owned(),
            message,
            severity,
            kind,
        });
    }

    fn object(
        &mut self,
        path: &str,
        obj: &Map<String, Value>,
        fields: &'static [Field],
        owner: &str,
    ) {
        for field in fields {
            let field_path = join(path, field.name);
            match obj.get(field.name) {
                None if field.required => self.push(
                    &field_path,
                    Severity::Error,
                    FindingKind::MissingField,
                    format!(
                        "missing required field `{}` ({})",
                        field.name,
                        field.ty.describe()
                    ),
                ),
                None => {}
                Some(Value::Null) if !field.nullable => self.push(
                    &field_path,
                    Severity::Error,
                    FindingKind::NullField,
                    format!(
                        "`{}` must not be null ({})",
                        field.name,
                        field.ty.describe()
                    ),
                ),
                Some(Value::Null) => {}
                Some(value) => self.value(&field_path, value, &field.ty),
            }
        }
        for key in obj.keys() {
            if key == "payload_type" && path == "data" {
                continue;
            }
            if !fields.iter().any(|f| f.name == key) {
                let hint = suggest(key, fields)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.push(
                    &join(path, key),
                    Severity::Info,
                    FindingKind::UnknownField,
                    format!("`{key}` is not a field of {owner}{hint}"),
                );
            }
        }
    }

    fn value(&mut self, path: &str, value: &Value, ty: &'static Ty) {
        let wrong = |c: &mut Self, extra: &str| {
            c.push(
                path,
                Severity::Error,
                FindingKind::WrongType,
                format!(
                    "expected {}, found {}{extra}",
                    ty.json_kind(),
                    json_kind(value)
                ),
            );
        };
        match ty {
            Ty::Any => {}
            Ty::String => {
                if !value.is_string() {
                    wrong(self, "");
                }
            }
            Ty::Id(prefix) => match value.as_str() {
                None => wrong(self, ""),
                Some(s) => {
                    let rest = s.strip_prefix(prefix).and_then(|r| r.strip_prefix('_'));
                    if rest.is_none_or(str::is_empty) {
                        self.push(
                            path,
                            Severity::Warning,
                            FindingKind::BadFormat,
                            format!("Dodo ids here start with `{prefix}_`, found \"{s}\""),
                        );
                    }
                }
            },
            Ty::DateTime => match value.as_str() {
                None => wrong(self, ""),
                Some(s) => {
                    if chrono::DateTime::parse_from_rfc3339(s).is_err() {
                        self.push(
                            path,
                            Severity::Warning,
                            FindingKind::BadFormat,
                            format!("expected an ISO-8601 date-time like 2026-11-18T14:02:11Z, found \"{s}\""),
                        );
                    }
                }
            },
            Ty::Email => match value.as_str() {
                None => wrong(self, ""),
                Some(s) => {
                    let ok = s.split_once('@').is_some_and(|(user, host)| {
                        !user.is_empty() && host.contains('.') && !s.contains(char::is_whitespace)
                    });
                    if !ok {
                        self.push(
                            path,
                            Severity::Warning,
                            FindingKind::BadFormat,
                            format!("expected an email address, found \"{s}\""),
                        );
                    }
                }
            },
            Ty::Amount => match value {
                Value::Number(n) if n.is_i64() || n.is_u64() => {}
                Value::Number(n) => self.push(
                    path,
                    Severity::Error,
                    FindingKind::AmountNotInteger,
                    format!("amounts are integers in the currency's smallest unit (5400 = $54.00), found {n}"),
                ),
                Value::String(s) => self.push(
                    path,
                    Severity::Error,
                    FindingKind::AmountNotInteger,
                    format!("amounts are integers in minor units, not strings: found \"{s}\""),
                ),
                _ => wrong(self, ""),
            },
            Ty::Integer => match value {
                Value::Number(n) if n.is_i64() || n.is_u64() => {}
                _ => wrong(self, ""),
            },
            Ty::Number => {
                if !value.is_number() {
                    wrong(self, "");
                }
            }
            Ty::Boolean => {
                if !value.is_boolean() {
                    wrong(self, "");
                }
            }
            Ty::DecimalString => match value {
                Value::String(s) => {
                    if s.trim().parse::<f64>().is_err() {
                        self.push(
                            path,
                            Severity::Warning,
                            FindingKind::BadFormat,
                            format!("expected a decimal number written as a string, found \"{s}\""),
                        );
                    }
                }
                Value::Number(_) => wrong(self, " (Dodo sends this amount as a string, e.g. \"4900\")"),
                _ => wrong(self, ""),
            },
            Ty::Enum(values) => match value.as_str() {
                None => wrong(self, ""),
                Some(s) => {
                    if !values.contains(&s) {
                        let hint = values
                            .iter()
                            .find(|v| v.ends_with(&format!("_{s}")) || v.eq_ignore_ascii_case(s))
                            .map(|v| format!(" (did you mean \"{v}\"?)"))
                            .unwrap_or_default();
                        self.push(
                            path,
                            Severity::Warning,
                            FindingKind::BadEnum,
                            format!("\"{s}\" is not one of {}{hint}", values.join(", ")),
                        );
                    }
                }
            },
            Ty::Currency => match value.as_str() {
                None => wrong(self, ""),
                Some(s) => {
                    if !CURRENCIES.contains(&s) {
                        self.push(
                            path,
                            Severity::Warning,
                            FindingKind::BadFormat,
                            format!("\"{s}\" is not a currency code Dodo uses (3 upper-case letters, e.g. USD)"),
                        );
                    }
                }
            },
            Ty::Country => match value.as_str() {
                None => wrong(self, ""),
                Some(s) => {
                    if !COUNTRIES.contains(&s) {
                        self.push(
                            path,
                            Severity::Warning,
                            FindingKind::BadFormat,
                            format!("expected an ISO-3166 alpha-2 country code (e.g. US), found \"{s}\""),
                        );
                    }
                }
            },
            Ty::Metadata => match value.as_object() {
                None => wrong(self, ""),
                Some(map) => {
                    for (key, v) in map {
                        if !(v.is_string() || v.is_number() || v.is_boolean()) {
                            self.push(
                                &join(path, key),
                                Severity::Warning,
                                FindingKind::WrongType,
                                format!("metadata values are strings, numbers or booleans, found {}", json_kind(v)),
                            );
                        }
                    }
                }
            },
            Ty::Object(fields) => match value.as_object() {
                None => wrong(self, ""),
                Some(map) => {
                    let owner = format!("`{}`", path.rsplit('.').next().unwrap_or(path));
                    self.object(path, map, fields, &owner);
                }
            },
            Ty::AnyObject => {
                if !value.is_object() {
                    wrong(self, "");
                }
            }
            Ty::Array(item) => match value.as_array() {
                None => wrong(self, ""),
                Some(items) => {
                    for (i, v) in items.iter().enumerate() {
                        let item_path = format!("{path}[{i}]");
                        if v.is_null() {
                            self.push(
                                &item_path,
                                Severity::Error,
                                FindingKind::NullField,
                                "array items must not be null".into(),
                            );
                        } else {
                            self.value(&item_path, v, item);
                        }
                    }
                }
            },
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A close field name for a typo or a field the spec names elsewhere (`phone` → `phone_number`).
fn suggest(key: &str, fields: &[Field]) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    if let Some(f) = fields.iter().find(|f| {
        f.name.starts_with(&format!("{lower}_")) || lower.starts_with(&format!("{}_", f.name))
    }) {
        return Some(f.name);
    }
    fields
        .iter()
        .map(|f| (edit_distance(&lower, f.name), f.name))
        .filter(|(d, name)| *d <= 2 && *d < name.len() / 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let best = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(best);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// Holds a Dodo envelope `{business_id, type, timestamp, data}` against the schema of its
/// event type. Returns every finding (empty when the envelope matches): missing required
/// fields, wrong types, amounts that are not integers, enum values outside their enum,
/// malformed ids/dates/currencies, an unknown event type, a `payload_type` that does not
/// match the event type, a status that disagrees with the event, and unknown fields (info).
pub fn check_envelope(payload: &Value) -> Vec<SchemaFinding> {
    let mut c = Checker {
        findings: Vec::new(),
    };
    let Some(root) = payload.as_object() else {
        c.push(
            "",
            Severity::Error,
            FindingKind::NotAnObject,
            format!(
                "the payload must be a JSON object (the Dodo envelope), found {}",
                json_kind(payload)
            ),
        );
        return c.findings;
    };

    // The envelope itself.
    c.object("", root, ENVELOPE, "the envelope");
    let info = match root.get("type") {
        Some(Value::String(t)) => {
            let info = event_type(t);
            if info.is_none() {
                let hint = EVENT_TYPE_NAMES
                    .iter()
                    .find(|n| edit_distance(t, n) <= 2)
                    .map(|n| format!(" (did you mean \"{n}\"?)"))
                    .unwrap_or_default();
                c.push(
                    "type",
                    Severity::Error,
                    FindingKind::UnknownEventType,
                    format!("\"{t}\" is not a Dodo event type{hint}"),
                );
            }
            info
        }
        // A missing or non-string `type` was reported by the envelope check.
        _ => None,
    };
    let Some(data) = root.get("data").and_then(Value::as_object) else {
        // Missing or wrongly typed `data` was reported above.
        return c.findings;
    };

    // Which schema: the event type's, else the payload_type's.
    let declared = match data.get("payload_type") {
        None => {
            c.push(
                "data.payload_type",
                Severity::Error,
                FindingKind::MissingField,
                "missing required field `payload_type` (the resource name, e.g. \"Payment\")"
                    .into(),
            );
            None
        }
        Some(Value::String(p)) => {
            let schema = Schema::from_payload_type(p);
            if schema.is_none() {
                let names: Vec<_> = Schema::ALL.iter().map(|s| s.payload_type()).collect();
                c.push(
                    "data.payload_type",
                    Severity::Error,
                    FindingKind::BadEnum,
                    format!(
                        "\"{p}\" is not a payload type; expected one of {}",
                        names.join(", ")
                    ),
                );
            }
            schema
        }
        Some(other) => {
            c.push(
                "data.payload_type",
                Severity::Error,
                FindingKind::WrongType,
                format!("expected a string, found {}", json_kind(other)),
            );
            None
        }
    };
    if let (Some(info), Some(declared)) = (info, declared)
        && info.schema != declared
    {
        c.push(
            "data.payload_type",
            Severity::Error,
            FindingKind::PayloadTypeMismatch,
            format!(
                "`{}` events carry payload_type \"{}\", found \"{}\"",
                info.name,
                info.schema.payload_type(),
                declared.payload_type()
            ),
        );
    }
    let Some(schema) = info.map(|i| i.schema).or(declared) else {
        return c.findings;
    };
    c.object(
        "data",
        data,
        schema.fields(),
        &format!("Dodo's {schema} schema"),
    );

    // The status the event type implies.
    if let Some(info) = info
        && info.schema == schema
        && let Some((field, expected)) = info.status
        && let Some(Value::String(actual)) = data.get(field)
        && actual != expected
    {
        let listed = match schema
            .fields()
            .iter()
            .find(|f| f.name == field)
            .map(|f| f.ty)
        {
            Some(Ty::Enum(values)) => values.contains(&actual.as_str()),
            _ => true,
        };
        // An out-of-enum value was already reported as BadEnum.
        if listed {
            c.push(
                &format!("data.{field}"),
                Severity::Warning,
                FindingKind::StatusMismatch,
                format!(
                    "`{}` events carry {field} \"{expected}\", found \"{actual}\"",
                    info.name
                ),
            );
        }
    }
    c.findings
}

// ----------------------------------------------------------------------------
// Detection

/// Keys that identify a schema when a pasted payload has neither `type` nor `payload_type`.
const DISTINCTIVE_KEYS: &[(&str, Schema)] = &[
    ("dispute_id", Schema::Dispute),
    ("refund_id", Schema::Refund),
    ("payout_id", Schema::Payout),
    ("recurring_pre_tax_amount", Schema::Subscription),
    ("total_amount", Schema::Payment),
    ("instances_count", Schema::LicenseKey),
    ("transaction_type", Schema::CreditLedgerEntry),
    ("threshold_percent", Schema::CreditBalanceLow),
    ("abandonment_reason", Schema::AbandonedCheckout),
    ("trigger_state", Schema::DunningAttempt),
    ("entitlement_id", Schema::EntitlementGrant),
];

/// The event type of a pasted payload: its `type` if it has one, else a guess from
/// `data.payload_type` (or the resource's distinctive fields) and its status field.
/// Works on a whole envelope or on a bare `data` object.
pub fn detect_event_type(payload: &Value) -> Option<String> {
    let root = payload.as_object()?;
    if let Some(t) = root.get("type").and_then(Value::as_str)
        && !t.trim().is_empty()
    {
        return Some(t.trim().to_owned());
    }
    let data = root.get("data").and_then(Value::as_object).unwrap_or(root);
    let schema = data
        .get("payload_type")
        .and_then(Value::as_str)
        .and_then(Schema::from_payload_type)
        .or_else(|| {
            DISTINCTIVE_KEYS
                .iter()
                .find(|(key, _)| data.contains_key(*key))
                .map(|(_, schema)| *schema)
        })?;
    let mut candidates = schema.event_types().peekable();
    let first = candidates.peek().map(|e| e.name)?;
    let matched = candidates.find(|e| {
        e.status
            .is_some_and(|(field, value)| data.get(field).and_then(Value::as_str) == Some(value))
    });
    Some(matched.map_or(first, |e| e.name).to_owned())
}
