// Loops: send events
//
// Sends a Loops event for the customer (matched by email), which can start
// a Loop (an automated email sequence):
//   payment.succeeded       -> paymentSucceeded
//   payment.failed          -> paymentFailed
//   subscription.active     -> subscriptionStarted
//   subscription.cancelled  -> subscriptionCancelled
// Other events are skipped (not sent to Loops).
// Sent to: POST https://app.loops.so/api/v1/events/send
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

var EVENT_NAMES = {
  "payment.succeeded": "paymentSucceeded",
  "payment.failed": "paymentFailed",
  "subscription.active": "subscriptionStarted",
  "subscription.cancelled": "subscriptionCancelled"
};

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "";
  var data = webhook.payload?.data || {};
  var email = data.customer?.email;
  if (!EVENT_NAMES[type] || !email) {
    webhook.cancel = true;
    return webhook;
  }
  // Loops event properties may only be text, numbers, true/false or dates.
  var props = { currency: String(data.currency || "") };
  if (type.indexOf("payment.") === 0) {
    props.amount = toMajor(data.total_amount, data.currency) ?? 0;
    props.paymentId = String(data.payment_id || "");
  } else {
    props.amount = toMajor(data.recurring_pre_tax_amount, data.currency) ?? 0;
    props.subscriptionId = String(data.subscription_id || "");
    props.productId = String(data.product_id || "");
  }
  webhook.url = "https://app.loops.so/api/v1/events/send";
  webhook.method = "POST";
  // The same Dodo event sent twice is only recorded once.
  webhook.headers = {
    "Idempotency-Key": clip(type + "-" + (data.payment_id || data.subscription_id || "") + "-" + (webhook.payload?.timestamp || ""), 100)
  };
  webhook.payload = {
    email: email,
    eventName: EVENT_NAMES[type],
    eventProperties: props
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
