//! Configure: endpoint URL, the card's credentials, custom headers, Variables, event types.

use std::collections::BTreeSet;

use egui::Ui;

use crate::app::state::{Draft, KeyValue};
use crate::catalogue::Card;
use crate::samples::EVENT_TYPES;

/// The configuration form of `draft`.
pub fn configure_ui(
    ui: &mut Ui,
    draft: &mut Draft,
    show_secrets: &mut bool,
    event_search: &mut String,
) {
    let card = draft.card();
    egui::Grid::new("configure-grid")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Name");
            let hint = card.map_or("My endpoint", |c| c.name);
            ui.add(
                egui::TextEdit::singleline(&mut draft.name)
                    .hint_text(hint)
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            ui.end_row();

            let label = ui.label("Endpoint URL");
            let hint = card
                .and_then(|c| c.default_url)
                .unwrap_or(crate::engine::DEFAULT_URL);
            ui.add(
                egui::TextEdit::singleline(&mut draft.url)
                    .hint_text(hint)
                    .desired_width(360.0),
            )
            .labelled_by(label.id)
            .on_hover_text(card.map_or("", |c| c.url_placeholder));
            ui.end_row();

            let label = ui.label("Enabled");
            ui.checkbox(&mut draft.enabled, "Deliver events to this endpoint")
                .labelled_by(label.id);
            ui.end_row();
        });

    if let Some(card) = card {
        credentials_ui(ui, card, draft, show_secrets);
    }

    ui.add_space(6.0);
    egui::CollapsingHeader::new("Custom headers")
        .id_salt("headers-section")
        .default_open(!draft.headers.is_empty())
        .show(ui, |ui| {
            key_value_rows_ui(ui, "Header", &mut draft.headers, "X-Custom-Header", "value");
        });
    egui::CollapsingHeader::new("Variables")
        .id_salt("variables-section")
        .default_open(!draft.env.is_empty())
        .show(ui, |ui| {
            ui.weak("Available to the code as webhook.env.NAME.");
            key_value_rows_ui(ui, "Variable", &mut draft.env, "NAME", "value");
        });
    egui::CollapsingHeader::new(format!(
        "Subscribed events ({})",
        if draft.events.is_empty() {
            "all".to_owned()
        } else {
            draft.events.len().to_string()
        }
    ))
    .id_salt("events-section")
    .show(ui, |ui| events_ui(ui, &mut draft.events, event_search));
}

/// The card's credential fields; secrets are masked unless `show_secrets`.
fn credentials_ui(ui: &mut Ui, card: &Card, draft: &mut Draft, show_secrets: &mut bool) {
    if card.credentials.is_empty() && card.auth_note.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.strong(format!("{} credentials", card.name));
    if !card.auth_note.is_empty() {
        ui.weak(card.auth_note);
    }
    let any_secret = card.credentials.iter().any(|f| f.secret);
    egui::Grid::new("credentials-grid")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for field in card.credentials {
                let label = ui.label(field.label);
                let value = draft.credentials.entry(field.name.to_owned()).or_default();
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(value)
                            .password(field.secret && !*show_secrets)
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                    if !field.help.is_empty() {
                        ui.weak(field.help);
                    }
                });
                ui.end_row();
            }
        });
    if any_secret {
        ui.checkbox(show_secrets, "Show secrets");
        ui.weak("Secrets are kept in the secret store, never in endpoint files.");
    }
}

/// Editable key/value rows with add and remove buttons.
fn key_value_rows_ui(
    ui: &mut Ui,
    noun: &str,
    rows: &mut Vec<KeyValue>,
    key_hint: &str,
    value_hint: &str,
) {
    let mut remove = None;
    for (index, row) in rows.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let number = index + 1;
            ui.add(
                egui::TextEdit::singleline(&mut row.key)
                    .hint_text(key_hint)
                    .desired_width(180.0),
            )
            .accessible_name(format!("{noun} {number} name"));
            ui.add(
                egui::TextEdit::singleline(&mut row.value)
                    .hint_text(value_hint)
                    .desired_width(260.0),
            )
            .accessible_name(format!("{noun} {number} value"));
            if ui
                .button("Remove")
                .on_hover_text(format!("Remove {noun} {number}"))
                .clicked()
            {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        rows.remove(index);
    }
    if ui
        .button(format!("+ Add {}", noun.to_lowercase()))
        .clicked()
    {
        rows.push(KeyValue::default());
    }
}

/// Event types grouped by prefix, with search and a checkbox per group.
fn events_ui(ui: &mut Ui, events: &mut BTreeSet<String>, search: &mut String) {
    ui.weak("None ticked means every event type is delivered.");
    ui.horizontal(|ui| {
        let label = ui.label("Search events");
        ui.add(
            egui::TextEdit::singleline(search)
                .hint_text("payment.succeeded")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        if ui.button("Clear selection").clicked() {
            events.clear();
        }
    });
    let needle = search.trim().to_lowercase();
    let mut groups: Vec<&str> = Vec::new();
    for info in EVENT_TYPES {
        if !groups.contains(&info.group) {
            groups.push(info.group);
        }
    }
    for group in groups {
        let names: Vec<&str> = EVENT_TYPES
            .iter()
            .filter(|e| e.group == group && (needle.is_empty() || e.name.contains(&needle)))
            .map(|e| e.name)
            .collect();
        if names.is_empty() {
            continue;
        }
        let ticked = names.iter().filter(|n| events.contains(**n)).count();
        let mut all = ticked == names.len();
        let group_box = egui::Checkbox::new(&mut all, format!("{group}.*"))
            .indeterminate(ticked > 0 && ticked < names.len());
        if ui.add(group_box).changed() {
            for name in &names {
                if all {
                    events.insert((*name).to_owned());
                } else {
                    events.remove(*name);
                }
            }
        }
        ui.indent(("events", group), |ui| {
            ui.horizontal_wrapped(|ui| {
                for name in names {
                    let mut on = events.contains(name);
                    if ui.checkbox(&mut on, name).changed() {
                        if on {
                            events.insert(name.to_owned());
                        } else {
                            events.remove(name);
                        }
                    }
                }
            });
        });
    }
}
