//! Transformation code: template picker, Reset to template, and the highlighted editor.

use egui::{Id, Ui};

use crate::app::command::Command;
use crate::app::state::Draft;
use crate::app::widgets::code_editor::{Mark, code_editor};
use crate::app::widgets::highlight::{Highlighter, Lang};
use crate::engine::{CODE_LENGTH_MAX, EngineError};

/// The id of the code editor (for focus and jump-to-line).
pub fn editor_id() -> Id {
    Id::unique("transformation-code")
}

/// The code section. `error` is the last run's error, marked at its line when it has one.
pub fn code_ui(
    ui: &mut Ui,
    draft: &mut Draft,
    highlighter: &mut Highlighter,
    error: Option<&EngineError>,
    height: f32,
    cmds: &mut Vec<Command>,
) {
    let card = draft.card();
    ui.horizontal(|ui| {
        ui.strong("Transformation code");
        if let Some(card) = card.filter(|c| !c.templates.is_empty()) {
            let current = draft
                .template
                .as_deref()
                .and_then(|id| card.templates.iter().find(|t| t.id == id))
                .map_or("Custom", |t| t.name);
            let template_label = ui.label("Template");
            egui::ComboBox::from_id_salt("template-picker")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for template in card.templates {
                        let picked = draft.template.as_deref() == Some(template.id);
                        if ui.selectable_label(picked, template.name).clicked() {
                            cmds.push(Command::ApplyTemplate(template.id.to_owned()));
                        }
                    }
                })
                .response
                .labelled_by(template_label.id);
            if ui.button("Reset to template").clicked() {
                let id = draft
                    .template
                    .clone()
                    .or_else(|| card.templates.first().map(|t| t.id.to_owned()));
                if let Some(id) = id {
                    cmds.push(Command::ApplyTemplate(id));
                }
            }
        }
        if ui.button("Run (Ctrl+Enter)").clicked() {
            cmds.push(Command::RunNow);
        }
    });
    ui.weak("This code runs on every event before delivery: handler(webhook) returns the request to send.");
    let label = ui.label("Code");
    let mark = error.and_then(|e| {
        e.line.map(|line| Mark {
            line: line as usize,
            column: e.column.map(|c| c as usize),
            message: format!("{}: {}", e.kind.title(), e.message),
        })
    });
    code_editor(
        ui,
        editor_id(),
        label.id,
        &mut draft.code,
        Lang::JavaScript,
        highlighter,
        mark.as_ref(),
        height,
    );
    let chars = draft.code.chars().count();
    let counter = format!("{chars} / {CODE_LENGTH_MAX} characters");
    if chars > CODE_LENGTH_MAX {
        ui.colored_label(ui.visuals().error_fg_color, counter);
    } else {
        ui.weak(counter);
    }
}
