// Resend: customer emails
//
// Emails your customer when:
//   payment.succeeded    a receipt
//   payment.failed       a "your payment did not go through" note
//   subscription.active  a welcome message
// Other events are skipped (no email is sent).
//
// Set this Variable on the endpoint:
//   FROM  the sender, on a domain you verified in Resend,
//         e.g. "Acme Billing <billing@acme.com>"
// Sent to: POST https://api.resend.com/emails
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "";
  var data = webhook.payload?.data || {};
  var email = emailFor(type, data);
  if (!email || !data.customer?.email) {
    webhook.cancel = true;
    return webhook;
  }
  webhook.url = "https://api.resend.com/emails";
  webhook.method = "POST";
  webhook.payload = {
    from: webhook.env?.FROM || "Billing <billing@example.com>",
    to: [data.customer.email],
    subject: email.subject,
    html: email.lines.map(function (line) { return "<p>" + escapeHtml(line) + "</p>"; }).join(""),
    text: email.lines.join("\n")
  };
  return webhook;
}

// The subject and the lines of each email. Edit the wording here.
function emailFor(type, d) {
  var name = d.customer?.name ? d.customer.name.split(" ")[0] : "there";
  if (type === "payment.succeeded") {
    return { subject: "Your receipt", lines: [
      "Hi " + name + ",",
      "Thank you! We received your payment of " + formatAmount(d.total_amount, d.currency) + ".",
      "Payment reference: " + (d.payment_id || "n/a")
    ].concat(d.invoice_url ? ["Invoice: " + d.invoice_url] : []) };
  }
  if (type === "payment.failed") {
    return { subject: "Your payment did not go through", lines: [
      "Hi " + name + ",",
      "Your payment of " + formatAmount(d.total_amount, d.currency) + " could not be completed.",
      "Please check your payment details and try again.",
      "Payment reference: " + (d.payment_id || "n/a")
    ] };
  }
  if (type === "subscription.active") {
    return { subject: "Welcome aboard", lines: [
      "Hi " + name + ",",
      "Your subscription is now active.",
      "Next billing date: " + String(d.next_billing_date || "n/a").slice(0, 10)
    ] };
  }
  return null;
}

// Makes text safe to put inside HTML.
function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
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
