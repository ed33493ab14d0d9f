//! A read-only, selectable, highlighted view of JSON (output bodies, responses).

use egui::{Id, Response, TextEdit, Ui};

use super::highlight::{Highlighter, Lang};

/// Shows `text` read-only with JSON colours, labelled by `label_id` for screen readers.
pub fn json_view(
    ui: &mut Ui,
    id: Id,
    label_id: Id,
    text: &str,
    highlighter: &mut Highlighter,
    max_height: f32,
) -> Response {
    let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        highlighter.galley(ui, buffer.as_str(), Lang::Json, None, wrap_width)
    };
    let mut shown = text;
    let mut response = None;
    egui::ScrollArea::vertical()
        .id_salt(id.with("scroll"))
        .max_height(max_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let edit = TextEdit::multiline(&mut shown)
                .id(id)
                .code_editor()
                .desired_width(f32::INFINITY)
                .desired_rows(1)
                .layouter(&mut layouter);
            response = Some(ui.add(edit).labelled_by(label_id));
        });
    response.unwrap_or_else(|| ui.label(""))
}
