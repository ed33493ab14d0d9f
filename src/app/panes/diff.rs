//! Diff: what the transformation changed, from the incoming webhook to the request sent.

use egui::{RichText, Ui};

use crate::app::theme;
use crate::check::diff::{Change, DiffEntry};

/// Lists `entries` (added green, removed red, changed both), one JSON path per line.
pub fn diff_ui(ui: &mut Ui, entries: &[DiffEntry]) {
    if entries.is_empty() {
        ui.weak("The output is the same as the input.");
        return;
    }
    ui.weak(format!(
        "{} differences from the incoming webhook to the request",
        entries.len()
    ));
    let added = theme::ok_color(ui);
    let removed = ui.visuals().error_fg_color;
    egui::ScrollArea::vertical()
        .id_salt("diff-scroll")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("diff-grid")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for entry in entries {
                        let path = if entry.path.is_empty() {
                            "(root)"
                        } else {
                            entry.path.as_str()
                        };
                        ui.monospace(path);
                        ui.horizontal_wrapped(|ui| match &entry.change {
                            Change::Added(value) => {
                                ui.label(
                                    RichText::new(format!("+ {}", short(value)))
                                        .monospace()
                                        .color(added),
                                );
                            }
                            Change::Removed(value) => {
                                ui.label(
                                    RichText::new(format!("- {}", short(value)))
                                        .monospace()
                                        .color(removed),
                                );
                            }
                            Change::Changed(old, new) => {
                                ui.label(
                                    RichText::new(format!("- {}", short(old)))
                                        .monospace()
                                        .color(removed),
                                );
                                ui.label(
                                    RichText::new(format!("+ {}", short(new)))
                                        .monospace()
                                        .color(added),
                                );
                            }
                        });
                        ui.end_row();
                    }
                });
        });
}

/// A value as compact JSON, cut at 120 characters.
fn short(value: &serde_json::Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 120 {
        return text;
    }
    let cut: String = text.chars().take(117).collect();
    format!("{cut}...")
}
