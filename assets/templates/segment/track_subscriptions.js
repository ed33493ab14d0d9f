// Segment: track subscriptions
//
// Records every subscription change in Segment as a Track call, e.g.
// subscription.active -> "Subscription Started",
// subscription.cancelled -> "Subscription Cancelled".
// Other events are skipped (not sent to Segment).
// The customer is identified by their Dodo customer id (userId).
// Sent to: POST https://api.segment.io/v1/track
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

var EVENT_NAMES = {
  "subscription.active": "Subscription Started",
  "subscription.renewed": "Subscription Renewed",
  "subscription.on_hold": "Subscription On Hold",
  "subscription.paused": "Subscription Paused",
  "subscription.unpaused": "Subscription Resumed",
  "subscription.cancelled": "Subscription Cancelled",
  "subscription.failed": "Subscription Failed",
  "subscription.expired": "Subscription Expired",
  "subscription.plan_changed": "Subscription Plan Changed",
  "subscription.updated": "Subscription Updated",
  "subscription.update_payment_method": "Subscription Payment Method Updated"
};

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "";
  var d = webhook.payload?.data || {};
  var userId = d.customer?.customer_id;
  if (!EVENT_NAMES[type] || !userId) {
    webhook.cancel = true;
    return webhook;
  }
  webhook.url = "https://api.segment.io/v1/track";
  webhook.method = "POST";
  webhook.payload = {
    userId: userId,
    event: EVENT_NAMES[type],
    properties: {
      subscription_id: d.subscription_id,
      product_id: d.product_id,
      status: d.status,
      amount: toMajor(d.recurring_pre_tax_amount, d.currency),
      currency: d.currency || null,
      quantity: d.quantity ?? 1,
      billing_interval: d.payment_frequency_interval || null,
      billing_interval_count: d.payment_frequency_count ?? null,
      next_billing_date: d.next_billing_date || null,
      cancel_at_next_billing_date: Boolean(d.cancel_at_next_billing_date),
      cancellation_reason: d.cancellation_feedback || null
    },
    context: { traits: { email: d.customer?.email, name: d.customer?.name } },
    timestamp: toIso(webhook.payload?.timestamp),
    // One subscription changes many times, so the time is part of the id.
    messageId: clip("dodo-" + type + "-" + (d.subscription_id || "") + "-" + toUnixSeconds(webhook.payload?.timestamp), 99)
  };
  return webhook;
}

// ---------------------------------------------------------------------------
// Helpers: you normally do not need to change anything below this line.
// ---------------------------------------------------------------------------

// How many decimals a currency has. Dodo sends amounts in the currency's
// smallest unit: cents for USD (1999 = 19.99), yen for JPY (1999 = 1999),
// fils for KWD (1999 = 1.999). Dividing by 100 is wrong for JPY and KWD.
function currencyDecimals(currency) {
  var code = String(currency || "").toUpperCase();
  var none = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
    "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];
  var three = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
  if (none.indexOf(code) !== -1) return 0;
  if (three.indexOf(code) !== -1) return 3;
  return 2;
}

// 1999 and "USD" -> 19.99 (a number). null when there is no amount.
function toMajor(minor, currency) {
  if (minor === null || minor === undefined || minor === "") return null;
  var n = Number(minor);
  if (!isFinite(n)) return null;
  var decimals = currencyDecimals(currency);
  return Number((n / Math.pow(10, decimals)).toFixed(decimals));
}

// 1999 and "USD" -> "19.99 USD" (text for people).
function formatAmount(minor, currency) {
  var major = toMajor(minor, currency);
  if (major === null) return "n/a";
  var text = major.toFixed(currencyDecimals(currency));
  return currency ? text + " " + String(currency).toUpperCase() : text;
}

// "2026-01-15T10:30:00Z" -> 1768473000 (whole seconds since 1970).
// Falls back to "now" when the text is not a date.
function toUnixSeconds(iso) {
  var ms = Date.parse(iso);
  return isFinite(ms) ? Math.floor(ms / 1000) : Math.floor(Date.now() / 1000);
}

// Any date text -> ISO-8601 ("2026-01-15T10:30:00.000Z"), or "now" when invalid.
function toIso(text) {
  var ms = Date.parse(text);
  return new Date(isFinite(ms) ? ms : Date.now()).toISOString();
}

// Shortens text to at most `max` characters (some apps reject longer text).
function clip(text, max) {
  var s = String(text === null || text === undefined ? "" : text);
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

// "subscription.plan_changed" -> "Subscription plan changed".
function humanize(eventType) {
  var s = String(eventType || "event").replace(/[._]/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
