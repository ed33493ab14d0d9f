// Webhook: add headers
//
// Sends every Dodo event unchanged, and adds HTTP headers your server can use
// to route events without reading the body:
//   X-Dodo-Event-Type  the event name, e.g. "payment.succeeded"
//   X-Dodo-Business    your Dodo business id
//   Authorization      "Bearer <token>", only if you add a Variable named API_TOKEN
// Headers set here replace endpoint headers with the same name.
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

function handler(webhook) {
  var headers = webhook.headers || {};
  headers["X-Dodo-Event-Type"] = webhook.eventType || webhook.payload?.type || "unknown";
  if (webhook.payload?.business_id) {
    headers["X-Dodo-Business"] = String(webhook.payload.business_id);
  }
  // Optional: put a token in the endpoint's Variables as API_TOKEN.
  var token = webhook.env?.API_TOKEN;
  if (token) {
    headers["Authorization"] = "Bearer " + token;
  }
  webhook.headers = headers;
  return webhook;
}
