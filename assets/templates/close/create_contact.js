// Close CRM: create a contact
//
// When a customer pays (payment.succeeded) or starts a subscription
// (subscription.active), creates a contact in Close with their name, email
// and phone number. Close files it under a new lead named after the contact.
// Other events are skipped (not sent to Close).
// Sent to: POST https://api.close.com/api/v1/contact/
//
// To add it to an existing lead instead, add a Variable CLOSE_LEAD_ID.
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
  var customer = webhook.payload?.data?.customer;
  if (HANDLED.indexOf(type) === -1 || !customer) {
    webhook.cancel = true;
    return webhook;
  }
  var contact = {
    name: customer.name || customer.email || "Dodo customer",
    emails: customer.email ? [{ email: customer.email, type: "office" }] : [],
    phones: customer.phone_number ? [{ phone: customer.phone_number, type: "office" }] : []
  };
  if (webhook.env?.CLOSE_LEAD_ID) {
    contact.lead_id = webhook.env.CLOSE_LEAD_ID;
  }
  webhook.url = "https://api.close.com/api/v1/contact/";
  webhook.method = "POST";
  webhook.payload = contact;
  return webhook;
}
