//! Live output: method badge, URL, headers, highlighted body, console, duration, errors.

use egui::{Id, Ui};

use crate::app::command::Command;
use crate::app::theme;
use crate::app::widgets::highlight::Highlighter;
use crate::app::widgets::json_view::json_view;
use crate::engine::{Output, RunReport};

/// What the output pane shows.
pub struct OutputView<'a> {
    /// The newest report, if any run finished.
    pub report: Option<&'a RunReport>,
    /// A run is in flight (or waiting for typing to stop).
    pub pending: bool,
    /// Why no run can start (e.g. the payload is not JSON), with its position.
    pub blocked: Option<String>,
}

/// The output pane.
pub fn output_ui(
    ui: &mut Ui,
    view: &OutputView<'_>,
    highlighter: &mut Highlighter,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.strong("Output");
        if view.pending {
            ui.spinner();
            ui.weak("Running…");
        } else if let Some(report) = view.report {
            ui.weak(format!("{:.1} ms", report.duration.as_secs_f64() * 1000.0));
        }
    });
    if let Some(blocked) = &view.blocked {
        ui.colored_label(ui.visuals().error_fg_color, blocked);
    }
    let Some(report) = view.report else {
        if view.blocked.is_none() {
            ui.weak("The output appears here as you type.");
        }
        return;
    };
    match &report.result {
        Ok(output) => output_request_ui(ui, output, highlighter),
        Err(error) => {
            let error_color = ui.visuals().error_fg_color;
            ui.colored_label(
                error_color,
                egui::RichText::new(error.kind.title()).strong(),
            );
            ui.colored_label(error_color, &error.message);
            if let Some(line) = error.line {
                let column = error.column.unwrap_or(1);
                let text = format!("Go to line {line}:{column}");
                if ui
                    .link(text)
                    .on_hover_text("Move the code cursor there")
                    .clicked()
                {
                    cmds.push(Command::JumpToCode(line as usize, column as usize));
                }
            }
            if let Some(stack) = error.stack.as_deref().filter(|s| !s.trim().is_empty()) {
                egui::CollapsingHeader::new("Stack")
                    .id_salt("error-stack")
                    .show(ui, |ui| {
                        ui.monospace(stack);
                    });
            }
        }
    }
    console_ui(ui, report);
}

fn output_request_ui(ui: &mut Ui, output: &Output, highlighter: &mut Highlighter) {
    if output.cancel {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            egui::RichText::new("cancelled — nothing would be sent").strong(),
        );
    }
    ui.horizontal(|ui| {
        theme::pill(ui, &output.method, theme::method_color(&output.method));
        ui.add(egui::Label::new(egui::RichText::new(&output.url).monospace()).wrap());
    });
    if !output.headers.is_empty() {
        egui::CollapsingHeader::new(format!("Headers ({})", output.headers.len()))
            .id_salt("output-headers")
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("output-headers-grid")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (name, value) in &output.headers {
                            ui.monospace(name);
                            ui.monospace(value);
                            ui.end_row();
                        }
                    });
            });
    }
    let label = ui.label("Body");
    json_view(
        ui,
        Id::unique("output-body"),
        label.id,
        &output.pretty_body(),
        highlighter,
        360.0,
    );
}

fn console_ui(ui: &mut Ui, report: &RunReport) {
    if report.console.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Console ({})", report.console.len()))
        .id_salt("console")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("console-scroll")
                .max_height(160.0)
                .show(ui, |ui| {
                    for line in &report.console {
                        let color = theme::console_color(ui, line.level);
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(
                                color,
                                egui::RichText::new(line.level.as_str()).monospace().small(),
                            );
                            ui.colored_label(color, egui::RichText::new(&line.message).monospace());
                        });
                    }
                });
        });
}
