// Windmill: key fields
//
// Sends every Dodo event to your Windmill script or flow as a flat list of
// friendly fields (event_type, customer_email, amount, ...). Windmill passes
// each top-level field to your script as an argument of the same name, e.g.
//   export async function main(event_type: string, customer_email?: string, amount?: number) {}
// Nothing is skipped.
//
// How to use: copy the script's webhook URL from Windmill (Details > Webhooks,
// with a token) and use it as the endpoint URL.
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

function handler(webhook) {
  var payload = webhook.payload || {};
  var d = payload.data || {};
  var customer = d.customer || {};
  var amountMinor = firstDefined([d.total_amount, d.recurring_pre_tax_amount, d.amount]);
  var fields = {
    event_type: webhook.eventType || payload.type || "",
    event_time: payload.timestamp || "",
    business_id: payload.business_id || "",
    customer_id: customer.customer_id || d.customer_id || "",
    customer_email: customer.email || "",
    customer_name: customer.name || "",
    customer_phone: customer.phone_number || "",
    status: d.status || d.dispute_status || "",
    payment_id: d.payment_id || "",
    subscription_id: d.subscription_id || "",
    refund_id: d.refund_id || "",
    dispute_id: d.dispute_id || "",
    product_id: d.product_id || (d.product_cart?.[0]?.product_id) || "",
    country: d.billing?.country || ""
  };
  // Money: the amount in normal units (19.99), its currency and a text version.
  // Credit events count credits, not money, so they are left out here.
  var isMoney = amountMinor !== undefined && d.currency && String(fields.event_type).indexOf("credit.") !== 0;
  if (isMoney) {
    fields.amount = toMajor(amountMinor, d.currency);
    fields.currency = d.currency;
    fields.amount_display = formatAmount(amountMinor, d.currency);
  }
  // Leave out empty fields so only what this event has is sent what this event has.
  Object.keys(fields).forEach(function (key) {
    if (fields[key] === "" || fields[key] === null || fields[key] === undefined) delete fields[key];
  });
  webhook.payload = fields;
  return webhook;
}

// The first value in the list that is not null/undefined.
function firstDefined(values) {
  for (var i = 0; i < values.length; i++) {
    if (values[i] !== null && values[i] !== undefined) return values[i];
  }
  return undefined;
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
