// Segment: identify customers
//
// When a customer pays (payment.succeeded) or starts a subscription
// (subscription.active), sends an Identify call so Segment knows their
// email, name, phone and address. Other events are skipped.
// The customer is identified by their Dodo customer id (userId).
// Sent to: POST https://api.segment.io/v1/identify
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

var HANDLED = ["payment.succeeded", "subscription.active"];

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "";
  var d = webhook.payload?.data || {};
  var customer = d.customer || {};
  if (HANDLED.indexOf(type) === -1 || !customer.customer_id) {
    webhook.cancel = true;
    return webhook;
  }
  // Segment's standard traits: email, name, phone, address.
  var traits = { email: customer.email, name: customer.name };
  if (customer.phone_number) traits.phone = customer.phone_number;
  if (d.billing) {
    traits.address = {
      street: d.billing.street || undefined,
      city: d.billing.city || undefined,
      state: d.billing.state || undefined,
      postalCode: d.billing.zipcode || undefined,
      country: d.billing.country || undefined
    };
  }
  webhook.url = "https://api.segment.io/v1/identify";
  webhook.method = "POST";
  webhook.payload = {
    userId: customer.customer_id,
    traits: traits,
    timestamp: toIso(webhook.payload?.timestamp),
    messageId: clip("dodo-identify-" + type + "-" + (d.payment_id || d.subscription_id || customer.customer_id), 99)
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
