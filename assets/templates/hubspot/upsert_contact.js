// HubSpot: create or update a contact
//
// When a customer pays (payment.succeeded) or their subscription starts or
// changes state (subscription.active, subscription.cancelled), creates the
// HubSpot contact, or updates it if one with the same email exists. Other
// events are skipped (not sent to HubSpot).
// Sent to: POST https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert
// (the contact is matched on its email address).
//
// `webhook` is what Dodo is about to send:
//   webhook.eventType  the event name, e.g. "payment.succeeded"
//   webhook.payload    the Dodo event: { business_id, type, timestamp, data }
//   webhook.url        where it will be sent; webhook.method is "POST" or "PUT"
//   webhook.env        your endpoint's Variables (read-only)
// Set webhook.cancel = true to skip sending. Always return webhook.

var HANDLED = ["payment.succeeded", "subscription.active", "subscription.cancelled"];

function handler(webhook) {
  var type = webhook.eventType || webhook.payload?.type || "";
  var data = webhook.payload?.data || {};
  var email = data.customer?.email;
  if (HANDLED.indexOf(type) === -1 || !email) {
    webhook.cancel = true;
    return webhook;
  }
  webhook.url = "https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert";
  webhook.method = "POST";
  webhook.payload = {
    inputs: [{ idProperty: "email", id: email, properties: contactProperties(data) }]
  };
  return webhook;
}

// HubSpot's built-in contact properties, filled from the Dodo customer.
// Empty values are left out so they do not wipe what HubSpot already has.
function contactProperties(d) {
  var customer = d.customer || {};
  var names = String(customer.name || "").trim().split(/\s+/);
  var billing = d.billing || {};
  var props = {
    firstname: names[0] || "",
    lastname: names.slice(1).join(" "),
    phone: customer.phone_number || "",
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
