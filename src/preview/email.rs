//! Email destinations: SendGrid mail send, Resend emails and Loops events/transactional.
//!
//! Each shows the envelope (from, to, subject or template), then the body: plain text as is,
//! HTML through the safe converter in [`super::html`], or the template data as a table.

use serde_json::{Map, Value};

use super::destination::{host_and_path, path_segments};
use super::sentence::{Sentence, clip, count, str_at};
use super::{Block, Envelope, Preview, Span, generic, html, table};
use crate::engine::Output;

/// The SendGrid `POST /v3/mail/send` preview.
pub(crate) fn sendgrid(output: &Output) -> Preview {
    let Some(mail) = output.payload.as_object() else {
        return generic::not_an_object(output, "SendGrid");
    };
    let personalizations: Vec<&Value> = mail
        .get("personalizations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    let from = mail.get("from").and_then(sendgrid_address);
    let subject = str_at(&output.payload, "subject");
    let template_id = str_at(&output.payload, "template_id");
    let mut blocks = Vec::new();
    let mut recipients = Vec::new();
    for (index, personalization) in personalizations.iter().enumerate() {
        let list = |key: &str| -> Vec<String> {
            personalization
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(sendgrid_address)
                .collect()
        };
        let to = list("to");
        recipients.extend(to.iter().cloned());
        if personalizations.len() > 1 {
            blocks.push(Block::Heading(format!("Email {}", index + 1)));
        }
        blocks.push(Block::Envelope(Envelope {
            from: personalization
                .get("from")
                .and_then(sendgrid_address)
                .or_else(|| from.clone()),
            to,
            cc: list("cc"),
            bcc: list("bcc"),
            reply_to: mail.get("reply_to").and_then(sendgrid_address),
            subject: str_at(personalization, "subject").or_else(|| subject.clone()),
            template_id: template_id.clone(),
        }));
        if let Some(Value::Object(data)) = personalization.get("dynamic_template_data") {
            blocks.push(Block::Context(vec![Span::plain(
                "Template data (dynamic_template_data)",
            )]));
            blocks.extend(table::properties("Variable", data));
        }
    }
    if personalizations.is_empty() {
        blocks.push(Block::Envelope(Envelope {
            from: from.clone(),
            subject: subject.clone(),
            template_id: template_id.clone(),
            ..Envelope::default()
        }));
    }
    // Body: content parts, HTML preferred (what mail clients show).
    let contents: Vec<(String, String)> = mail
        .get("content")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|part| Some((str_at(part, "type")?, str_at(part, "value")?)))
        .collect();
    let html_part = contents.iter().find(|(kind, _)| kind == "text/html");
    let text_part = contents.iter().find(|(kind, _)| kind == "text/plain");
    blocks.push(Block::Divider);
    match (html_part, text_part) {
        (Some((_, body)), _) => blocks.extend(html::to_blocks(body)),
        (None, Some((_, body))) => blocks.extend(html::text_blocks(body)),
        (None, None) if template_id.is_some() => blocks.push(Block::info(
            "The body comes from the SendGrid template, filled with the template data above",
        )),
        (None, None) => blocks.push(Block::info("No body (no \"content\" and no template)")),
    }

    let sentence = email_sentence(
        "SendGrid",
        &recipients,
        subject.as_deref(),
        template_id.as_deref(),
    );
    let sentence = if personalizations.len() > 1 {
        Sentence::new(format!(
            "SendGrid will send {} to {}",
            count(personalizations.len(), "email", "emails"),
            count(recipients.len(), "recipient", "recipients")
        ))
        .done()
    } else {
        sentence
    };
    Preview {
        destination: "SendGrid".to_owned(),
        sentence,
        blocks,
    }
}

/// `{email, name}` as `Name <email>`.
fn sendgrid_address(value: &Value) -> Option<String> {
    let email = str_at(value, "email")?;
    Some(match str_at(value, "name") {
        Some(name) => format!("{name} <{email}>"),
        None => email,
    })
}

/// The Resend `POST /emails` preview.
pub(crate) fn resend(output: &Output) -> Preview {
    let Some(mail) = output.payload.as_object() else {
        return generic::not_an_object(output, "Resend");
    };
    let (_, path) = host_and_path(&output.url);
    if path_segments(&path).last() == Some(&"batch") {
        return generic_email_list(output, "Resend");
    }
    let list = |key: &str| -> Vec<String> {
        match mail.get(key) {
            Some(Value::String(one)) => vec![one.clone()],
            Some(Value::Array(many)) => many
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        }
    };
    let to = list("to");
    let subject = str_at(&output.payload, "subject");
    let template = mail.get("template");
    let template_id = template.and_then(|t| str_at(t, "id"));
    let mut blocks = vec![Block::Envelope(Envelope {
        from: str_at(&output.payload, "from"),
        to: to.clone(),
        cc: list("cc"),
        bcc: list("bcc"),
        reply_to: list("reply_to").into_iter().next(),
        subject: subject.clone(),
        template_id: template_id.clone(),
    })];
    if let Some(Value::Object(variables)) = template.and_then(|t| t.get("variables")) {
        blocks.push(Block::Context(vec![Span::plain("Template variables")]));
        blocks.extend(table::properties("Variable", variables));
    }
    blocks.push(Block::Divider);
    match (
        str_at(&output.payload, "html"),
        str_at(&output.payload, "text"),
    ) {
        (Some(body), _) => blocks.extend(html::to_blocks(&body)),
        (None, Some(body)) => blocks.extend(html::text_blocks(&body)),
        (None, None) if template_id.is_some() => blocks.push(Block::info(
            "The body comes from the Resend template, filled with the variables above",
        )),
        (None, None) => blocks.push(Block::info("No body (no \"html\" and no \"text\")")),
    }
    Preview {
        destination: "Resend".to_owned(),
        sentence: email_sentence("Resend", &to, subject.as_deref(), template_id.as_deref()),
        blocks,
    }
}

/// Resend's batch endpoint: one envelope line per email.
fn generic_email_list(output: &Output, label: &str) -> Preview {
    let mut preview = generic::preview(output);
    label.clone_into(&mut preview.destination);
    preview
}

/// "SendGrid will email **jane@x.io** with the subject **Your receipt**".
fn email_sentence(
    service: &str,
    to: &[String],
    subject: Option<&str>,
    template_id: Option<&str>,
) -> Vec<Span> {
    let mut sentence = Sentence::new(format!("{service} will email "));
    sentence = match to {
        [] => sentence.plain("nobody (no recipient)"),
        [one] => sentence.bold(one.clone()),
        [first, rest @ ..] => sentence
            .bold(first.clone())
            .plain(format!(" and {} more", rest.len())),
    };
    match (subject, template_id) {
        (Some(subject), _) => sentence.plain(" with the subject ").bold(clip(subject, 80)),
        (None, Some(template)) => sentence.plain(" using the template ").code(template),
        (None, None) => sentence.plain(" with no subject"),
    }
    .done()
}

/// The Loops preview: events (`/events/send`), transactional emails and contacts.
pub(crate) fn loops(output: &Output) -> Preview {
    let Some(body) = output.payload.as_object() else {
        return generic::not_an_object(output, "Loops");
    };
    let (_, path) = host_and_path(&output.url);
    let segments = path_segments(&path);
    let who = str_at(&output.payload, "email").or_else(|| str_at(&output.payload, "userId"));
    let mut blocks = Vec::new();
    let sentence;
    if segments.contains(&"transactional") {
        let id = str_at(&output.payload, "transactionalId");
        blocks.push(Block::Envelope(Envelope {
            to: who.iter().cloned().collect(),
            template_id: id.clone(),
            ..Envelope::default()
        }));
        if let Some(Value::Object(data)) = body.get("dataVariables") {
            blocks.push(Block::Context(vec![Span::plain("Data variables")]));
            blocks.extend(table::properties("Variable", data));
        }
        let to: Vec<String> = who.iter().cloned().collect();
        sentence = email_sentence("Loops", &to, None, id.as_deref());
    } else if segments.contains(&"contacts") {
        blocks.extend(table::properties("Field", body));
        sentence = Sentence::new("Loops will create or update the contact ")
            .bold(
                who.clone()
                    .unwrap_or_else(|| "(no email or userId)".to_owned()),
            )
            .done();
    } else {
        let event = str_at(&output.payload, "eventName");
        let mut pairs = vec![(
            "Event".to_owned(),
            event
                .clone()
                .unwrap_or_else(|| "(missing eventName)".to_owned()),
        )];
        for key in ["email", "userId"] {
            if let Some(value) = str_at(&output.payload, key) {
                pairs.push((key.to_owned(), value));
            }
        }
        blocks.push(Block::KeyValues(pairs));
        let properties = body.get("eventProperties").and_then(Value::as_object);
        if let Some(properties) = properties {
            blocks.push(Block::Context(vec![Span::plain("Event properties")]));
            blocks.extend(table::properties("Property", properties));
        }
        let known = [
            "eventName",
            "email",
            "userId",
            "eventProperties",
            "mailingLists",
        ];
        let other: Map<String, Value> = body
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        if !other.is_empty() {
            blocks.push(Block::Context(vec![
                Span::plain("Other fields in the body (Loops reads event data from "),
                Span::code("eventProperties"),
                Span::plain(")"),
            ]));
            blocks.extend(table::properties("Field", &other));
        }
        let mut s = Sentence::new("Loops will record the event ");
        s = match &event {
            Some(event) => s.bold(event.clone()),
            None => s.plain("(no eventName)"),
        };
        s = match &who {
            Some(who) => s.plain(" for ").code(who.clone()),
            None => s.plain(" for nobody (no email or userId)"),
        };
        let n = properties.map_or(0, Map::len);
        sentence = s
            .plain(format!(" with {}", count(n, "property", "properties")))
            .plain("; loops triggered by this event send their emails")
            .done();
    }
    Preview {
        destination: "Loops".to_owned(),
        sentence,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::build;
    use serde_json::json;

    fn out(url: &str, payload: Value) -> Output {
        Output {
            method: "POST".to_owned(),
            url: url.to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn sendgrid_mail_shows_envelope_and_text_body() {
        let p = build(&out(
            "https://api.sendgrid.com/v3/mail/send",
            json!({
                "personalizations": [{"to": [{"email": "jane@example.com", "name": "Jane Doe"}]}],
                "from": {"email": "billing@shop.com", "name": "Shop"},
                "subject": "Payment received - $49.00",
                "content": [{"type": "text/plain", "value": "Hi Jane,\n\nWe received $49.00.\nThanks!"}]
            }),
        ));
        assert_eq!(p.destination, "SendGrid");
        assert_eq!(
            p.sentence_text(),
            "SendGrid will email Jane Doe <jane@example.com> with the subject Payment received - $49.00"
        );
        let [
            Block::Envelope(envelope),
            Block::Divider,
            Block::Paragraph(hi),
            Block::Paragraph(body),
        ] = p.blocks.as_slice()
        else {
            panic!("{:#?}", p.blocks)
        };
        assert_eq!(envelope.from.as_deref(), Some("Shop <billing@shop.com>"));
        assert_eq!(envelope.to, vec!["Jane Doe <jane@example.com>".to_owned()]);
        assert_eq!(crate::preview::spans_text(hi), "Hi Jane,");
        assert_eq!(
            crate::preview::spans_text(body),
            "We received $49.00.\nThanks!"
        );
    }

    #[test]
    fn sendgrid_template_with_dynamic_data() {
        let p = build(&out(
            "https://api.sendgrid.com/v3/mail/send",
            json!({
                "personalizations": [{"to": [{"email": "a@x.io"}], "dynamic_template_data": {"amount": "49.00", "qty": 2}}],
                "from": {"email": "b@x.io"},
                "template_id": "d-123"
            }),
        ));
        assert_eq!(
            p.sentence_text(),
            "SendGrid will email a@x.io using the template d-123"
        );
        assert!(
            p.blocks
                .iter()
                .any(|b| matches!(b, Block::Table { rows, .. } if rows.len() == 2))
        );
        assert!(p.plain_text().contains("comes from the SendGrid template"));
    }

    #[test]
    fn resend_html_is_converted() {
        let p = build(&out(
            "https://api.resend.com/emails",
            json!({
                "from": "Shop <billing@shop.com>",
                "to": ["jane@example.com", "ops@shop.com"],
                "subject": "Welcome to Pro",
                "html": "<h1>Welcome!</h1><p>Your plan: <b>Pro</b></p><img src='https://t.io/p.gif' alt=''><script>x()</script>"
            }),
        ));
        assert_eq!(
            p.sentence_text(),
            "Resend will email jane@example.com and 1 more with the subject Welcome to Pro"
        );
        let text = p.plain_text();
        assert!(text.contains("Welcome!\nYour plan: Pro\n[image]"), "{text}");
        assert!(!text.contains("x()"));
    }

    #[test]
    fn loops_event_with_misnamed_properties() {
        let p = build(&out(
            "https://app.loops.so/api/v1/events/send",
            json!({"email": "jane@example.com", "eventName": "payment_succeeded",
                   "properties": {"amount": "49.00"}}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Loops will record the event payment_succeeded for jane@example.com with 0 \
             properties; loops triggered by this event send their emails"
        );
        assert!(
            p.plain_text()
                .contains("properties.amount | 49.00 | string"),
            "{}",
            p.plain_text()
        );
    }

    #[test]
    fn loops_transactional() {
        let p = build(&out(
            "https://app.loops.so/api/v1/transactional",
            json!({"transactionalId": "clx1", "email": "a@x.io", "dataVariables": {"name": "Jane"}}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Loops will email a@x.io using the template clx1"
        );
    }
}
