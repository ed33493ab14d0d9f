// HubSpot: create a contact
//
// When a customer pays (payment.succeeded) or starts a subscription
// (subscription.active), creates a HubSpot contact with their email, name,
// phone and billing address. Other events are skipped (not sent to HubSpot).
//
// Note: HubSpot answers 409 Conflict when a contact with that email already
// exists. If your customers pay more than once, use the "Create or update
// contact" template instead.
// Sent to: POST https://api.hubapi.com/crm/v3/objects/contacts
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
  var data = webhook.payload?.data || {};
  if (HANDLED.indexOf(type) === -1 || !data.customer?.email) {
    // Not an event this template handles (or no email to file it under).
    webhook.cancel = true;
    return webhook;
  }
  webhook.url = "https://api.hubapi.com/crm/v3/objects/contacts";
  webhook.method = "POST";
  webhook.payload = { properties: contactProperties(data) };
  return webhook;
}

// HubSpot's built-in contact properties, filled from the Dodo customer.
// Empty values are left out so they do not wipe what HubSpot already has.
function contactProperties(d) {
  var customer = d.customer || {};
  var names = String(customer.name || "").trim().split(/\s+/);
  var billing = d.billing || {};
  var props = {
    email: customer.email,
    firstname: names[0] || "",
    lastname: names.slice(1).join(" "),
    phone: customer.phone_number || "",
    address: billing.street || "",
    city: billing.city || "",
    state: billing.state || "",
    zip: billing.zipcode || "",
    country: billing.country || ""
  };
  Object.keys(props).forEach(function (key) {
    if (props[key] === "" || props[key] === null || props[key] === undefined) delete props[key];
  });
  return props;
}
