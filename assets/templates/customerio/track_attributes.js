// Customer.io: update customer attributes
//
// Keeps the customer's Customer.io profile up to date (Track API v2,
// action "identify"): email, name, phone and country on every payment, and
// the subscription's status, plan and next billing date on every
// subscription change. Creates the person if they do not exist yet.
// Other events are skipped (not sent to Customer.io).
// People are identified by their Dodo customer id (exactly one identifier).
// Sent to: POST https://track.customer.io/api/v2/entity
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "";
  var d = webhook.payload?.data || {};
  var customer = d.customer || {};
  var handled = type === "payment.succeeded" || type.indexOf("subscription.") === 0;
  if (!handled || !customer.customer_id) {
    webhook.cancel = true;
    return webhook;
  }
  var attributes = {};
  if (customer.email) attributes.email = customer.email;
  if (customer.name) attributes.name = customer.name;
  if (customer.phone_number) attributes.phone_number = customer.phone_number;
  if (d.billing?.country) attributes.country = d.billing.country;
  if (type === "payment.succeeded") {
    attributes.last_payment_at = toUnixSeconds(d.created_at || webhook.payload?.timestamp);
    attributes.last_payment_amount = toMajor(d.total_amount, d.currency);
    attributes.last_payment_currency = d.currency || null;
  } else {
    attributes.subscription_id = d.subscription_id || null;
    attributes.subscription_status = d.status || null;
    attributes.subscription_product_id = d.product_id || null;
    attributes.subscription_next_billing_at = d.next_billing_date ? toUnixSeconds(d.next_billing_date) : null;
  }
  // Leave out unknown values: an empty value would erase what Customer.io already has.
  Object.keys(attributes).forEach(function (key) {
    if (attributes[key] === null || attributes[key] === undefined) delete attributes[key];
  });
  webhook.url = "https://track.customer.io/api/v2/entity";
  webhook.method = "POST";
  webhook.payload = {
    type: "person",
    identifiers: { id: customer.customer_id },
    action: "identify",
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
