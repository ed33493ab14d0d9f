// Slack: billing alerts
//
// Posts a short, colour-coded message to your Slack channel for payments,
// subscriptions, refunds and disputes. Other events are skipped (not sent),
// because they would reach Slack as raw data it cannot display.
//
// How to use: make an "Incoming Webhook" in Slack and use its URL
// (https://hooks.slack.com/services/...) as the endpoint URL.
// To change the wording, edit the titles in `describe` below.
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
  var info = describe(type, data);
  if (!info) {
    // Not a billing event: do not post anything.
    webhook.cancel = true;
    return webhook;
  }
  webhook.payload = slackMessage(info, type, webhook.payload?.timestamp);
  return webhook;
}

// Slack colours: "good" is green, "danger" red, "warning" yellow.
function slackMessage(info, type, timestamp) {
  var colours = { good: "good", bad: "danger", warn: "warning", info: "#439FE0" };
  var icons = { good: ":white_check_mark:", bad: ":rotating_light:", warn: ":warning:", info: ":information_source:" };
  return {
    text: icons[info.tone] + " *" + slackEscape(info.title) + "*: " + slackEscape(info.summary),
    attachments: [{
      fallback: clip(info.title + ": " + info.summary, 300),
      color: colours[info.tone],
      fields: info.facts.map(function (fact) {
        var value = slackEscape(fact[1]);
        return { title: fact[0], value: value, short: value.length <= 30 };
      }),
      footer: "Dodo Payments | " + type,
      ts: toUnixSeconds(timestamp)
    }]
  };
}

// Slack treats &, < and > as control characters in messages.
function slackEscape(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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

// Turns a billing event into a title, a one-line summary, a tone
// ("good", "bad", "warn" or "info") and a list of [label, value] facts.
// Returns null for events it does not describe.
function describe(type, d) {
  var parts = String(type || "").split(".");
  var group = parts[0];
  var what = parts.slice(1).join(".");
  var customer = d.customer || {};
  var who = customer.name || customer.email || d.customer_id || "Unknown customer";
  var whoFull = customer.name && customer.email ? customer.name + " (" + customer.email + ")" : who;

  if (group === "payment") {
    var payTitles = { succeeded: "Payment received", failed: "Payment failed",
      processing: "Payment processing", cancelled: "Payment cancelled" };
    var payTones = { succeeded: "good", failed: "bad", processing: "info", cancelled: "warn" };
    if (!payTitles[what]) return null;
    var amount = formatAmount(d.total_amount, d.currency);
    var facts = [["Amount", amount], ["Customer", whoFull], ["Payment ID", d.payment_id || "n/a"]];
    var brand = d.card_network || d.payment_method_type || d.payment_method;
    if (brand) facts.push(["Method", brand + (d.card_last_four ? " ending " + d.card_last_four : "")]);
    if (d.subscription_id) facts.push(["Subscription", d.subscription_id]);
    if (what === "failed") facts.push(["Reason", d.error_message || d.error_code || "not given"]);
    return { title: payTitles[what], tone: payTones[what], summary: amount + " from " + who, facts: facts };
  }

  if (group === "subscription") {
    var subTitles = { active: "New subscription", renewed: "Subscription renewed",
      on_hold: "Subscription on hold", paused: "Subscription paused",
      unpaused: "Subscription resumed", cancelled: "Subscription cancelled",
      failed: "Subscription failed", expired: "Subscription expired",
      plan_changed: "Plan changed", updated: "Subscription updated",
      update_payment_method: "Payment method updated" };
    var subTones = { active: "good", renewed: "good", unpaused: "good", on_hold: "bad",
      failed: "bad", cancelled: "warn", expired: "warn", paused: "warn" };
    if (!subTitles[what]) return null;
    var count = Number(d.payment_frequency_count) || 1;
    var unit = String(d.payment_frequency_interval || "period").toLowerCase();
    var every = count === 1 ? unit : count + " " + unit + "s";
    var price = formatAmount(d.recurring_pre_tax_amount, d.currency) + " every " + every;
    var subFacts = [["Customer", whoFull], ["Price", price], ["Status", d.status || "n/a"],
      ["Subscription ID", d.subscription_id || "n/a"], ["Product", d.product_id || "n/a"]];
    if (d.next_billing_date && (what === "active" || what === "renewed" || what === "plan_changed")) {
      subFacts.push(["Next billing", String(d.next_billing_date).slice(0, 10)]);
    }
    if (what === "cancelled" && (d.cancellation_feedback || d.cancellation_comment)) {
      subFacts.push(["Reason", [d.cancellation_feedback, d.cancellation_comment].filter(Boolean).join(": ")]);
    }
    return { title: subTitles[what], tone: subTones[what] || "info", summary: who + ", " + price, facts: subFacts };
  }

  if (group === "refund") {
    if (what !== "succeeded" && what !== "failed") return null;
    var refundAmount = formatAmount(d.amount, d.currency);
    var refundFacts = [["Amount", refundAmount], ["Customer", whoFull],
      ["Refund ID", d.refund_id || "n/a"], ["Payment ID", d.payment_id || "n/a"],
      ["Partial refund", d.is_partial ? "yes" : "no"]];
    if (d.reason) refundFacts.push(["Reason", d.reason]);
    return { title: what === "succeeded" ? "Refund issued" : "Refund failed",
      tone: what === "succeeded" ? "warn" : "bad", summary: refundAmount + " to " + who, facts: refundFacts };
  }

  if (group === "dispute") {
    var disputeTones = { opened: "bad", lost: "bad", won: "good", cancelled: "good",
      accepted: "warn", expired: "warn", challenged: "info" };
    if (!disputeTones[what]) return null;
    var disputeAmount = formatAmount(d.amount, d.currency);
    var disputeFacts = [["Amount", disputeAmount], ["Dispute ID", d.dispute_id || "n/a"],
      ["Payment ID", d.payment_id || "n/a"],
      ["Stage", String(d.dispute_stage || "n/a").replace(/_/g, " ")],
      ["Status", String(d.dispute_status || "n/a").replace(/^dispute_/, "")]];
    if (d.customer) disputeFacts.splice(1, 0, ["Customer", whoFull]);
    if (d.reason) disputeFacts.push(["Reason", d.reason]);
    return { title: "Dispute " + what, tone: disputeTones[what],
      summary: disputeAmount + " on payment " + (d.payment_id || "n/a"), facts: disputeFacts };
  }

  return null;
}
