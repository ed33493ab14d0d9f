//! The saved endpoints: card badge, name, URL, enabled toggle, event count, Add endpoint.

use egui::Ui;

use crate::app::command::Command;
use crate::app::theme;
use crate::catalogue;
use crate::store::EndpointSummary;

/// One saved endpoint as listed.
#[derive(Clone, Debug)]
pub struct EndpointRow {
    /// Name, card, URL, enabled, and any problem reading it.
    pub summary: EndpointSummary,
    /// How many event types it subscribes to (0 = all).
    pub events: usize,
}

/// Lists `endpoints`; `current` is the slug open in the editor.
pub fn endpoints_ui(
    ui: &mut Ui,
    endpoints: &[EndpointRow],
    current: Option<&str>,
    load_error: Option<&str>,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Endpoints");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("+ Add endpoint").clicked() {
                cmds.push(Command::AddEndpoint);
            }
        });
    });
    ui.separator();
    if let Some(error) = load_error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    if endpoints.is_empty() {
        ui.add_space(8.0);
        ui.label("No endpoints yet.");
        ui.weak(
            "Click \"+ Add endpoint\", pick an integration (Slack, Segment, a plain webhook…), \
             adjust the transformation code and test it against sample Dodo events. \
             Nothing is sent until you press \"Send test\" or save an enabled endpoint.",
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("endpoints-scroll")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for endpoint in endpoints {
                endpoint_row_ui(
                    ui,
                    endpoint,
                    current == Some(endpoint.summary.slug.as_str()),
                    cmds,
                );
            }
        });
}

fn endpoint_row_ui(ui: &mut Ui, row: &EndpointRow, selected: bool, cmds: &mut Vec<Command>) {
    let endpoint = &row.summary;
    let card = catalogue::card(&endpoint.card);
    let frame = egui::Frame::group(ui.style()).fill(if selected {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        ui.visuals().faint_bg_color
    });
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let (color, initials) = card.map_or(([120, 120, 120], "?"), |c| (c.color, c.initials));
            theme::card_badge(ui, color, initials, 28.0);
            ui.vertical(|ui| {
                if ui
                    .add(
                        egui::Button::new(egui::RichText::new(&endpoint.name).strong())
                            .frame(false),
                    )
                    .on_hover_text("Open in the editor")
                    .clicked()
                {
                    cmds.push(Command::OpenEndpoint(endpoint.slug.clone()));
                }
                let url = if endpoint.url.is_empty() {
                    card.and_then(|c| c.default_url).unwrap_or("(no URL yet)")
                } else {
                    &endpoint.url
                };
                ui.weak(url);
                let events = match row.events {
                    0 => "all events".to_owned(),
                    1 => "1 event type".to_owned(),
                    n => format!("{n} event types"),
                };
                ui.weak(events);
                if let Some(problem) = &endpoint.problem {
                    ui.colored_label(ui.visuals().error_fg_color, problem);
                }
            });
        });
        ui.horizontal(|ui| {
            let mut enabled = endpoint.enabled;
            let label = format!("Enabled: {}", endpoint.name);
            if ui
                .checkbox(&mut enabled, "Enabled")
                .accessible_name(label)
                .on_hover_text("Deliver events to this endpoint")
                .changed()
            {
                cmds.push(Command::SetEnabled(endpoint.slug.clone(), enabled));
            }
            if ui.button("Edit").clicked() {
                cmds.push(Command::OpenEndpoint(endpoint.slug.clone()));
            }
            if ui.button("Delete").clicked() {
                cmds.push(Command::DeleteEndpoint(endpoint.slug.clone()));
            }
        });
    });
}
