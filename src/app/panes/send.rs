//! Send test: one real delivery of the current output, the local receiver, Copy as cURL.

use egui::{Id, Ui};

use crate::app::command::Command;
use crate::app::theme;
use crate::app::widgets::highlight::Highlighter;
use crate::app::widgets::json_view::json_view;
use crate::app::worker::Task;
use crate::send::receiver::{ReceivedRequest, Receiver};
use crate::send::{HttpRequest, Outcome};

/// The runtime state of sending (never persisted).
#[derive(Default)]
pub struct SendState {
    /// The send in flight.
    pub task: Option<Task<Outcome>>,
    /// How the last send ended.
    pub last: Option<Outcome>,
    /// The local receiver, while on.
    pub receiver: Option<Receiver>,
    /// What the receiver got, newest last.
    pub received: Vec<ReceivedRequest>,
    /// A note about the last click (e.g. a refused second send).
    pub note: Option<String>,
}

impl SendState {
    /// Whether a send is in flight.
    pub fn in_flight(&self) -> bool {
        self.task.is_some()
    }
}

/// The Send test section. `can_send` is false when there is no output to send.
pub fn send_ui(
    ui: &mut Ui,
    send: &SendState,
    use_local_receiver: &mut bool,
    can_send: bool,
    highlighter: &mut Highlighter,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.strong("Send test");
        ui.weak("Sends the output above for real, once.");
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(can_send, egui::Button::new("Send test"))
            .on_disabled_hover_text("Fix the errors first: there is no output to send.")
            .clicked()
        {
            cmds.push(Command::SendTest);
        }
        if send.in_flight() {
            ui.spinner();
            ui.weak("Sending…");
        }
        if ui
            .add_enabled(can_send, egui::Button::new("Copy as cURL"))
            .on_hover_text("Secrets are redacted")
            .clicked()
        {
            cmds.push(Command::CopyCurl);
        }
        if ui.checkbox(use_local_receiver, "Local receiver").changed() {
            cmds.push(Command::SetLocalReceiver(*use_local_receiver));
        }
    });
    if let Some(receiver) = &send.receiver {
        ui.weak(format!(
            "Send test goes to the local receiver at {}",
            receiver.url()
        ));
    }
    if let Some(note) = &send.note {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
    if let Some(outcome) = &send.last {
        outcome_ui(ui, outcome, highlighter);
    }
    if !send.received.is_empty() {
        received_ui(ui, &send.received);
    }
}

fn outcome_ui(ui: &mut Ui, outcome: &Outcome, highlighter: &mut Highlighter) {
    let color = if outcome.is_success() {
        theme::ok_color(ui)
    } else {
        ui.visuals().error_fg_color
    };
    let summary = match outcome {
        Outcome::Failed { error, .. } => format!("Not delivered: {error}"),
        other => other.summary(),
    };
    ui.colored_label(color, egui::RichText::new(summary).strong());
    if let Some(request) = outcome.request() {
        request_ui(ui, &request.redacted());
    }
    if let Outcome::Response { response, .. } = outcome {
        egui::CollapsingHeader::new(format!("Response headers ({})", response.headers.len()))
            .id_salt("response-headers")
            .show(ui, |ui| {
                headers_grid(ui, "response-headers-grid", &response.headers)
            });
        let label = ui.label(if response.truncated {
            "Response body (truncated)"
        } else {
            "Response body"
        });
        match serde_json::from_str::<serde_json::Value>(&response.body) {
            Ok(value) => {
                let pretty =
                    serde_json::to_string_pretty(&value).unwrap_or_else(|_| response.body.clone());
                json_view(
                    ui,
                    Id::unique("response-body"),
                    label.id,
                    &pretty,
                    highlighter,
                    220.0,
                );
            }
            Err(_) if response.body.is_empty() => {
                ui.weak("(empty)");
            }
            Err(_) => {
                ui.add(egui::Label::new(egui::RichText::new(&response.body).monospace()).wrap())
                    .labelled_by(label.id);
            }
        }
    }
}

fn request_ui(ui: &mut Ui, request: &HttpRequest) {
    egui::CollapsingHeader::new("Request sent (secrets hidden)")
        .id_salt("request-sent")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                theme::pill(ui, &request.method, theme::method_color(&request.method));
                ui.monospace(&request.url);
            });
            headers_grid(ui, "request-sent-grid", &request.headers);
        });
}

fn headers_grid(ui: &mut Ui, id: &str, headers: &[(String, String)]) {
    egui::Grid::new(id).num_columns(2).show(ui, |ui| {
        for (name, value) in headers {
            ui.monospace(name);
            ui.add(egui::Label::new(egui::RichText::new(value).monospace()).wrap());
            ui.end_row();
        }
    });
}

fn received_ui(ui: &mut Ui, received: &[ReceivedRequest]) {
    egui::CollapsingHeader::new(format!("Local receiver got {} request(s)", received.len()))
        .id_salt("received")
        .default_open(true)
        .show(ui, |ui| {
            if let Some(last) = received.last() {
                ui.monospace(format!(
                    "{} {} -> {}",
                    last.method, last.path, last.response_status
                ));
                headers_grid(ui, "received-headers-grid", &last.headers);
                ui.add(egui::Label::new(egui::RichText::new(&last.body_text).monospace()).wrap());
            }
        });
}
