// Segment: track payments
//
// Records payments in Segment as Track calls, named as in Segment's
// e-commerce spec so downstream tools understand the revenue:
//   payment.succeeded -> "Order Completed"
//   payment.failed    -> "Payment Failed"
//   refund.succeeded  -> "Order Refunded"
// Other events are skipped (not sent to Segment).
// The customer is identified by their Dodo customer id (userId).
// Sent to: POST https://api.segment.io/v1/track
// (EU workspaces: change the host to events.eu1.segmentapis.com).
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

var EVENT_NAMES = {
  "payment.succeeded": "Order Completed",
  "payment.failed": "Payment Failed",
  "refund.succeeded": "Order Refunded"
};

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "";
  var d = webhook.payload?.data || {};
  var userId = d.customer?.customer_id;
  if (!EVENT_NAMES[type] || !userId) {
    // Not an event this template handles: send nothing to Segment.
    webhook.cancel = true;
    return webhook;
  }
  var properties;
  if (type === "refund.succeeded") {
    properties = {
      order_id: d.payment_id,
      refund_id: d.refund_id,
      total: toMajor(d.amount, d.currency),
      currency: d.currency || null,
      partial: Boolean(d.is_partial),
      reason: d.reason || null
    };
  } else {
    var total = toMajor(d.total_amount, d.currency);
    var tax = toMajor(d.tax, d.currency);
    properties = {
      order_id: d.payment_id,
      total: total,
      revenue: type === "payment.succeeded" && total !== null ? Number((total - (tax || 0)).toFixed(currencyDecimals(d.currency))) : 0,
      tax: tax,
      currency: d.currency || null,
      payment_method: d.payment_method_type || d.payment_method || null,
      subscription_id: d.subscription_id || null,
      products: (d.product_cart || []).map(function (item) {
        return { product_id: item?.product_id, quantity: item?.quantity ?? 1 };
      })
    };
    if (type === "payment.failed") {
      properties.error = d.error_message || d.error_code || null;
    }
  }
  webhook.url = "https://api.segment.io/v1/track";
  webhook.method = "POST";
  webhook.payload = {
    userId: userId,
    event: EVENT_NAMES[type],
    properties: properties,
    context: { traits: { email: d.customer?.email, name: d.customer?.name } },
    timestamp: toIso(webhook.payload?.timestamp),
    // Segment drops a second call with the same messageId (Dodo retries are safe).
    messageId: clip("dodo-" + type + "-" + (d.refund_id || d.payment_id || ""), 99)
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
