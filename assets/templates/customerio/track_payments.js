// Customer.io: track payments
//
// Records payments on the customer's Customer.io profile as events
// (Track API v2, action "event"):
//   payment.succeeded -> payment_succeeded
//   payment.failed    -> payment_failed
//   refund.succeeded  -> refund_succeeded
// Other events are skipped (not sent to Customer.io).
// People are identified by their Dodo customer id. If your workspace
// identifies people by email, change `identifiers` to { email: ... }
// (Customer.io accepts exactly one identifier).
// Sent to: POST https://track.customer.io/api/v2/entity
// (EU workspaces: use track-eu.customer.io).
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

var HANDLED = ["payment.succeeded", "payment.failed", "refund.succeeded"];

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "";
  var d = webhook.payload?.data || {};
  var customerId = d.customer?.customer_id;
  if (HANDLED.indexOf(type) === -1 || !customerId) {
    webhook.cancel = true;
    return webhook;
  }
  var isRefund = type === "refund.succeeded";
  var minor = isRefund ? d.amount : d.total_amount;
  var attributes = {
    payment_id: d.payment_id,
    amount: toMajor(minor, d.currency),
    currency: d.currency || null,
    amount_display: formatAmount(minor, d.currency)
  };
  if (isRefund) {
    attributes.refund_id = d.refund_id;
    attributes.partial = Boolean(d.is_partial);
  } else {
    attributes.payment_method = d.payment_method_type || d.payment_method || null;
    attributes.subscription_id = d.subscription_id || null;
    if (type === "payment.failed") attributes.error = d.error_message || d.error_code || null;
  }
  webhook.url = "https://track.customer.io/api/v2/entity";
  webhook.method = "POST";
  webhook.payload = {
    type: "person",
    identifiers: { id: customerId },
    action: "event",
    name: type.replace(".", "_"),
    attributes: attributes,
    timestamp: toUnixSeconds(webhook.payload?.timestamp)
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
