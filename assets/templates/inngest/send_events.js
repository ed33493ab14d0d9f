// Inngest: send events
//
// Sends every Dodo event to Inngest as an event named "dodo/<event type>",
// e.g. "dodo/payment.succeeded", with the Dodo data as the event data, so
// your Inngest functions can trigger on them. Nothing is skipped.
//
// How to use: create an Event Key in Inngest and use its URL
// (https://inn.gs/e/<your event key>) as the endpoint URL.
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "unknown";
  var data = webhook.payload?.data || {};
  var id = data.payment_id || data.subscription_id || data.refund_id || data.dispute_id ||
    data.payout_id || data.id || data.customer_id || "";
  var event = {
    name: "dodo/" + type,
    data: Object.assign({ business_id: webhook.payload?.business_id }, data),
    // Inngest ignores a second event with the same id (within 24 hours).
    id: type + "-" + id + "-" + (webhook.payload?.timestamp || ""),
    // Inngest wants the time in MILLISECONDS since 1970.
    ts: toMillis(webhook.payload?.timestamp)
  };
  if (data.customer?.email) {
    event.user = { email: data.customer.email };
  }
  webhook.payload = event;
  return webhook;
}

// "2026-01-15T10:30:00Z" -> 1768473000000 (milliseconds), or "now" when invalid.
function toMillis(iso) {
  var ms = Date.parse(iso);
  return isFinite(ms) ? ms : Date.now();
}
