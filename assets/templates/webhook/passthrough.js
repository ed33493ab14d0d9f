// Webhook: pass-through
//
// Sends every Dodo event to your URL exactly as Dodo created it, unchanged.
// Use this when your own server receives the events and verifies the
// Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature).
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

function handler(webhook) {
  // Nothing to change: the event goes to your endpoint URL as it is.
  return webhook;
}
