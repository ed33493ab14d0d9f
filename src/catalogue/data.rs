//! The card table: the 14 cards in dashboard order (domain.md §4) and their templates.

use super::{AuthStyle, Card, CredentialField, Template};

/// Payments, subscriptions, refunds and disputes: what the alert templates describe.
const BILLING_EVENTS: &[&str] = &[
    "payment.succeeded",
    "payment.failed",
    "payment.processing",
    "payment.cancelled",
    "subscription.active",
    "subscription.renewed",
    "subscription.on_hold",
    "subscription.paused",
    "subscription.unpaused",
    "subscription.cancelled",
    "subscription.failed",
    "subscription.expired",
    "subscription.plan_changed",
    "subscription.updated",
    "subscription.update_payment_method",
    "refund.succeeded",
    "refund.failed",
    "dispute.opened",
    "dispute.expired",
    "dispute.accepted",
    "dispute.cancelled",
    "dispute.challenged",
    "dispute.won",
    "dispute.lost",
];

/// Every `subscription.*` event type.
const SUBSCRIPTION_EVENTS: &[&str] = &[
    "subscription.active",
    "subscription.renewed",
    "subscription.on_hold",
    "subscription.paused",
    "subscription.unpaused",
    "subscription.cancelled",
    "subscription.failed",
    "subscription.expired",
    "subscription.plan_changed",
    "subscription.updated",
    "subscription.update_payment_method",
];

/// `payment.succeeded` plus every `subscription.*` event type.
const TRACK_ATTRIBUTES_EVENTS: &[&str] = &[
    "payment.succeeded",
    "subscription.active",
    "subscription.renewed",
    "subscription.on_hold",
    "subscription.paused",
    "subscription.unpaused",
    "subscription.cancelled",
    "subscription.failed",
    "subscription.expired",
    "subscription.plan_changed",
    "subscription.updated",
    "subscription.update_payment_method",
];

/// Embeds `assets/templates/<card>/<id>.js`.
macro_rules! template_code {
    ($card:literal, $id:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/templates/",
            $card,
            "/",
            $id,
            ".js"
        ))
    };
}

/// The cards in dashboard order.
pub(super) const CARDS: &[Card] = &[
    Card {
        id: "webhook",
        name: "Webhook",
        subtitle: "Create a webhook endpoint to receive events",
        credentials: &[CredentialField {
            name: "secret",
            label: "Signing secret (whsec_…)",
            secret: true,
            required: false,
            help: "The endpoint's signing secret from the Dodo dashboard (starts with whsec_). \
                   hookcraft signs test sends with it so your server's verification can be tested.",
        }],
        auth: AuthStyle::StandardWebhooks { secret: "secret" },
        default_url: None,
        url_placeholder: "https://www.example.com/webhook",
        url_help: "The URL of your own server that receives Dodo events.",
        auth_note: "Dodo signs every delivery with Standard Webhooks headers (webhook-id, \
                    webhook-timestamp, webhook-signature: HMAC-SHA256 of id.timestamp.body with \
                    the whsec_ secret). hookcraft signs the bytes it sends the same way.",
        templates: &[
            Template {
                id: "passthrough",
                name: "Pass-through",
                description: "Sends every event unchanged.",
                events: &[],
                code: template_code!("webhook", "passthrough"),
            },
            Template {
                id: "add_header",
                name: "Add headers",
                description: "Sends every event unchanged and adds an event-type header (and a \
                              bearer token from the API_TOKEN variable).",
                events: &[],
                code: template_code!("webhook", "add_header"),
            },
        ],
        color: [0x5B, 0x6B, 0x7F],
        initials: "WH",
    },
    Card {
        id: "slack",
        name: "Slack",
        subtitle: "Connect messages to Slack",
        credentials: &[],
        auth: AuthStyle::UrlOnly,
        default_url: None,
        url_placeholder: "https://hooks.slack.com/services/T000/B000/XXXX",
        url_help: "A Slack Incoming Webhook URL (Slack app settings > Incoming Webhooks).",
        auth_note: "No key: the incoming-webhook URL itself grants access to one channel, so \
                    keep it private.",
        templates: &[
            Template {
                id: "billing_alerts",
                name: "Billing alerts",
                description: "Colour-coded messages for payments, subscriptions, refunds and \
                              disputes; other events are skipped.",
                events: BILLING_EVENTS,
                code: template_code!("slack", "billing_alerts"),
            },
            Template {
                id: "all_events",
                name: "All events",
                description: "A message for every event: tailored for billing events, a field \
                              list for the rest.",
                events: &[],
                code: template_code!("slack", "all_events"),
            },
        ],
        color: [0x7A, 0x4E, 0x8C],
        initials: "SL",
    },
    Card {
        id: "discord",
        name: "Discord",
        subtitle: "Connect messages to Discord",
        credentials: &[],
        auth: AuthStyle::UrlOnly,
        default_url: None,
        url_placeholder: "https://discord.com/api/webhooks/000000000000000000/XXXX",
        url_help: "A Discord channel webhook URL (Channel settings > Integrations > Webhooks).",
        auth_note: "No key: the webhook URL contains its own token, so keep it private.",
        templates: &[Template {
            id: "billing_alerts",
            name: "Billing alerts",
            description: "Colour-coded embeds for payments, subscriptions, refunds and \
                          disputes; other events are skipped.",
            events: BILLING_EVENTS,
            code: template_code!("discord", "billing_alerts"),
        }],
        color: [0x4F, 0x5D, 0xA8],
        initials: "DC",
    },
    Card {
        id: "teams",
        name: "Teams",
        subtitle: "Connect messages to Teams",
        credentials: &[],
        auth: AuthStyle::UrlOnly,
        default_url: None,
        url_placeholder: "https://prod-00.westus.logic.azure.com/workflows/XXXX/triggers/manual/paths/invoke",
        url_help: "A Teams incoming-webhook URL (a Workflow \"post to a channel when a webhook \
                   request is received\").",
        auth_note: "No key: the webhook URL carries its own signature, so keep it private.",
        templates: &[Template {
            id: "billing_alerts",
            name: "Billing alerts",
            description: "Adaptive Cards for payments, subscriptions, refunds and disputes; \
                          other events are skipped.",
            events: BILLING_EVENTS,
            code: template_code!("teams", "billing_alerts"),
        }],
        color: [0x46, 0x5E, 0x9E],
        initials: "TM",
    },
    Card {
        id: "hubspot",
        name: "HubSpot",
        subtitle: "Connect messages to HubSpot",
        credentials: &[CredentialField {
            name: "access_token",
            label: "Access token",
            secret: true,
            required: true,
            help: "A HubSpot private-app access token with the crm.objects.contacts.write scope \
                   (Settings > Integrations > Private Apps).",
        }],
        auth: AuthStyle::Bearer {
            token: "access_token",
        },
        default_url: Some("https://api.hubapi.com/crm/v3/objects/contacts"),
        url_placeholder: "https://api.hubapi.com/crm/v3/objects/contacts",
        url_help: "The templates set the HubSpot API URL themselves.",
        auth_note: "Dodo's card connects with HubSpot OAuth and does not document how the token \
                    is applied; hookcraft sends it as Authorization: Bearer, as HubSpot's API \
                    documents.",
        templates: &[
            Template {
                id: "create_contact",
                name: "Create contact",
                description: "Creates a contact when a customer pays or subscribes.",
                events: &["payment.succeeded", "subscription.active"],
                code: template_code!("hubspot", "create_contact"),
            },
            Template {
                id: "upsert_contact",
                name: "Create or update contact",
                description: "Creates the contact, or updates the one with the same email, when \
                              a customer pays or a subscription starts or ends.",
                events: &[
                    "payment.succeeded",
                    "subscription.active",
                    "subscription.cancelled",
                ],
                code: template_code!("hubspot", "upsert_contact"),
            },
        ],
        color: [0xB8, 0x6B, 0x3C],
        initials: "HS",
    },
    Card {
        id: "close",
        name: "CloseCRM",
        subtitle: "Connect messages to CloseCRM",
        credentials: &[CredentialField {
            name: "api_key",
            label: "API Key",
            secret: true,
            required: true,
            help: "A Close API key (Settings > Developer > API Keys).",
        }],
        auth: AuthStyle::Basic {
            username: "api_key",
            password: None,
        },
        default_url: Some("https://api.close.com/api/v1/contact/"),
        url_placeholder: "https://api.close.com/api/v1/contact/",
        url_help: "The template sets the Close API URL itself.",
        auth_note: "Dodo does not document how the card applies the key; hookcraft sends it as \
                    HTTP Basic with the key as user name and an empty password, as Close's API \
                    documents.",
        templates: &[Template {
            id: "create_contact",
            name: "Create contact",
            description: "Creates a contact (and its lead) when a customer pays or subscribes.",
            events: &["payment.succeeded", "subscription.active"],
            code: template_code!("close", "create_contact"),
        }],
        color: [0x3E, 0x7C, 0x6B],
        initials: "CL",
    },
    Card {
        id: "sendgrid",
        name: "Sendgrid",
        subtitle: "Connect messages to Sendgrid",
        credentials: &[CredentialField {
            name: "api_key",
            label: "API Key",
            secret: true,
            required: true,
            help: "A SendGrid API key with Mail Send permission (Settings > API Keys).",
        }],
        auth: AuthStyle::Bearer { token: "api_key" },
        default_url: Some("https://api.sendgrid.com/v3/mail/send"),
        url_placeholder: "https://api.sendgrid.com/v3/mail/send",
        url_help: "The template sets the SendGrid API URL itself.",
        auth_note: "Dodo does not document how the card applies the key; hookcraft sends it as \
                    Authorization: Bearer, as SendGrid's API documents.",
        templates: &[Template {
            id: "customer_emails",
            name: "Customer emails",
            description: "A receipt, a failed-payment note and a welcome email; other events \
                          are skipped.",
            events: &["payment.succeeded", "payment.failed", "subscription.active"],
            code: template_code!("sendgrid", "customer_emails"),
        }],
        color: [0x2F, 0x6F, 0x9F],
        initials: "SG",
    },
    Card {
        id: "customerio",
        name: "CustomerIO",
        subtitle: "Connect messages to CustomerIO",
        credentials: &[
            CredentialField {
                name: "site_id",
                label: "Site ID",
                secret: false,
                required: true,
                help: "Your Customer.io Site ID (Workspace Settings > API Credentials > Track API).",
            },
            CredentialField {
                name: "api_key",
                label: "Track API Key",
                secret: true,
                required: true,
                help: "The Track API key paired with that Site ID.",
            },
        ],
        auth: AuthStyle::Basic {
            username: "site_id",
            password: Some("api_key"),
        },
        default_url: Some("https://track.customer.io/api/v2/entity"),
        url_placeholder: "https://track.customer.io/api/v2/entity",
        url_help: "The templates set the Track API URL (US region); EU workspaces use \
                   track-eu.customer.io.",
        auth_note: "Dodo does not document how the card applies the Site ID and API key; \
                    hookcraft sends them as HTTP Basic site_id:api_key, as Customer.io's Track \
                    API documents.",
        templates: &[
            Template {
                id: "track_payments",
                name: "Track payments",
                description: "Payment and refund events on the person's profile.",
                events: &["payment.succeeded", "payment.failed", "refund.succeeded"],
                code: template_code!("customerio", "track_payments"),
            },
            Template {
                id: "track_subscriptions",
                name: "Track subscriptions",
                description: "Every subscription change as an event on the person's profile.",
                events: SUBSCRIPTION_EVENTS,
                code: template_code!("customerio", "track_subscriptions"),
            },
            Template {
                id: "track_attributes",
                name: "Update attributes",
                description: "Keeps the person's email, name, phone and subscription status up \
                              to date.",
                events: TRACK_ATTRIBUTES_EVENTS,
                code: template_code!("customerio", "track_attributes"),
            },
        ],
        color: [0x3F, 0x8A, 0x8C],
        initials: "CI",
    },
    Card {
        id: "zapier",
        name: "Zapier",
        subtitle: "Connect messages to Zapier",
        credentials: &[],
        auth: AuthStyle::UrlOnly,
        default_url: None,
        url_placeholder: "https://hooks.zapier.com/hooks/catch/000000/abcdef/",
        url_help: "The URL of a \"Webhooks by Zapier\" Catch Hook trigger.",
        auth_note: "No key: the catch-hook URL is the secret, so keep it private.",
        templates: &[Template {
            id: "key_fields",
            name: "Key fields",
            description: "Every event as a flat list of friendly fields for Zap steps.",
            events: &[],
            code: template_code!("zapier", "key_fields"),
        }],
        color: [0xC0, 0x5A, 0x2E],
        initials: "ZP",
    },
    Card {
        id: "windmill",
        name: "Windmill",
        subtitle: "Connect messages to Windmill",
        credentials: &[],
        auth: AuthStyle::UrlOnly,
        default_url: None,
        url_placeholder: "https://app.windmill.dev/api/w/my-workspace/jobs/run/p/f/billing/on_dodo_event?token=XXXX",
        url_help: "A Windmill script or flow webhook URL, with its token (cloud or self-hosted).",
        auth_note: "No key field: Windmill's webhook token travels in the URL (?token=), so keep \
                    it private.",
        templates: &[Template {
            id: "key_fields",
            name: "Key fields",
            description: "Every event as flat fields, which Windmill passes as script arguments.",
            events: &[],
            code: template_code!("windmill", "key_fields"),
        }],
        color: [0x55, 0x7A, 0x3D],
        initials: "WM",
    },
    Card {
        id: "inngest",
        name: "Inngest",
        subtitle: "Connect messages to Inngest",
        credentials: &[],
        auth: AuthStyle::UrlOnly,
        default_url: None,
        url_placeholder: "https://inn.gs/e/YOUR_EVENT_KEY",
        url_help: "Inngest's event URL with your Event Key (https://inn.gs/e/<key>).",
        auth_note: "No key field: the Event Key is part of the URL, as Inngest documents; Dodo's \
                    card asks for the \"Inngest webhook URL\".",
        templates: &[Template {
            id: "send_events",
            name: "Send events",
            description: "Every event as an Inngest event named dodo/<event type>.",
            events: &[],
            code: template_code!("inngest", "send_events"),
        }],
        color: [0x6A, 0x5A, 0x9E],
        initials: "IN",
    },
    Card {
        id: "resend",
        name: "Resend",
        subtitle: "Connect messages to Resend",
        credentials: &[CredentialField {
            name: "api_key",
            label: "API Key",
            secret: true,
            required: true,
            help: "A Resend API key with sending access (starts with re_).",
        }],
        auth: AuthStyle::Bearer { token: "api_key" },
        default_url: Some("https://api.resend.com/emails"),
        url_placeholder: "https://api.resend.com/emails",
        url_help: "The template sets the Resend API URL itself.",
        auth_note: "Dodo does not document how the card applies the key; hookcraft sends it as \
                    Authorization: Bearer, as Resend's API documents.",
        templates: &[Template {
            id: "customer_emails",
            name: "Customer emails",
            description: "A receipt, a failed-payment note and a welcome email; other events \
                          are skipped.",
            events: &["payment.succeeded", "payment.failed", "subscription.active"],
            code: template_code!("resend", "customer_emails"),
        }],
        color: [0x44, 0x4C, 0x5A],
        initials: "RS",
    },
    Card {
        id: "loops",
        name: "Loops",
        subtitle: "Connect messages to Loops",
        credentials: &[CredentialField {
            name: "api_key",
            label: "API Key",
            secret: true,
            required: true,
            help: "A Loops API key (Settings > API).",
        }],
        auth: AuthStyle::Bearer { token: "api_key" },
        default_url: Some("https://app.loops.so/api/v1/events/send"),
        url_placeholder: "https://app.loops.so/api/v1/events/send",
        url_help: "The template sets the Loops API URL itself.",
        auth_note: "Dodo does not document how the card applies the key; hookcraft sends it as \
                    Authorization: Bearer, as Loops' API documents.",
        templates: &[Template {
            id: "track_events",
            name: "Send events",
            description: "Payment and subscription events that can start Loops.",
            events: &[
                "payment.succeeded",
                "payment.failed",
                "subscription.active",
                "subscription.cancelled",
            ],
            code: template_code!("loops", "track_events"),
        }],
        color: [0x9C, 0x4F, 0x6E],
        initials: "LP",
    },
    Card {
        id: "segment",
        name: "Segment",
        subtitle: "Connect messages to Segment",
        credentials: &[CredentialField {
            name: "write_key",
            label: "Write Key",
            secret: true,
            required: true,
            help: "The Write Key of an HTTP API source (Connections > Sources > Settings > API \
                   Keys).",
        }],
        auth: AuthStyle::Basic {
            username: "write_key",
            password: None,
        },
        default_url: Some("https://api.segment.io/v1/track"),
        url_placeholder: "https://api.segment.io/v1/track",
        url_help: "The templates set Segment's US URL; EU workspaces use \
                   events.eu1.segmentapis.com.",
        auth_note: "Dodo does not document how the card applies the key; hookcraft sends it as \
                    HTTP Basic (write key as user name, empty password), as Segment's HTTP API \
                    documents.",
        templates: &[
            Template {
                id: "track_payments",
                name: "Track payments",
                description: "Order Completed, Payment Failed and Order Refunded track calls.",
                events: &["payment.succeeded", "payment.failed", "refund.succeeded"],
                code: template_code!("segment", "track_payments"),
            },
            Template {
                id: "track_subscriptions",
                name: "Track subscriptions",
                description: "A track call for every subscription change.",
                events: SUBSCRIPTION_EVENTS,
                code: template_code!("segment", "track_subscriptions"),
            },
            Template {
                id: "identify_customer",
                name: "Identify customers",
                description: "An identify call with email, name, phone and address when a \
                              customer pays or subscribes.",
                events: &["payment.succeeded", "subscription.active"],
                code: template_code!("segment", "identify_customer"),
            },
        ],
        color: [0x3B, 0x8E, 0x5A],
        initials: "SE",
    },
];
