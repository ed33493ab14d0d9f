//! A highlighted, line-numbered text editor for code and JSON, with an error line marker.

use egui::text::{CCursor, CCursorRange};
use egui::{Id, Response, TextEdit, Ui};

use super::highlight::{Highlighter, Lang};

/// Where to mark an error in the edited text (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The line to tint.
    pub line: usize,
    /// The column, when known.
    pub column: Option<usize>,
    /// The message shown under the editor.
    pub message: String,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call per editor; a struct adds nothing"
)]
/// Shows `text` in an editor labelled by `label_id`, with a line-number gutter and the
/// optional `mark`. Returns the text edit's response (`changed()` after typing).
pub fn code_editor(
    ui: &mut Ui,
    id: Id,
    label_id: Id,
    text: &mut String,
    lang: Lang,
    highlighter: &mut Highlighter,
    mark: Option<&Mark>,
    height: f32,
) -> Response {
    let marked_line = mark.map(|m| m.line);
    let line_count = text.lines().count().max(1) + usize::from(text.ends_with('\n'));
    let mut response = None;
    egui::ScrollArea::both()
        .id_salt(id.with("scroll"))
        .max_height(height)
        .min_scrolled_height(height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                gutter_ui(ui, id, line_count, marked_line);
                let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
                    let _ = wrap_width;
                    highlighter.galley(ui, buffer.as_str(), lang, marked_line, f32::INFINITY)
                };
                let edit = TextEdit::multiline(text)
                    .id(id)
                    .code_editor()
                    .lock_focus(true)
                    .desired_width(f32::INFINITY)
                    .desired_rows(((height / 14.0) as usize).max(4))
                    .layouter(&mut layouter);
                response = Some(ui.add(edit).labelled_by(label_id));
            });
        });
    let response = response.unwrap_or_else(|| ui.label(""));
    if let Some(mark) = mark {
        let position = match mark.column {
            Some(column) => format!("line {}:{column}", mark.line),
            None => format!("line {}", mark.line),
        };
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Error at {position}: {}", mark.message),
        );
    }
    response
}

/// The line numbers beside the editor; the marked line's number is in the error colour.
/// The laid-out numbers are kept in memory and rebuilt only when the line count, the mark
/// or the theme change (typing inside a line costs nothing here).
fn gutter_ui(ui: &mut Ui, id: Id, line_count: usize, marked_line: Option<usize>) {
    let memo_id = id.with("gutter");
    let key = (line_count, marked_line, ui.visuals().dark_mode);
    let cached = ui.data(|d| {
        d.get_temp::<((usize, Option<usize>, bool), std::sync::Arc<egui::Galley>)>(memo_id)
    });
    let galley = match cached {
        Some((cached_key, galley)) if cached_key == key => galley,
        _ => {
            let galley = gutter_galley(ui, line_count, marked_line);
            ui.data_mut(|d| d.insert_temp(memo_id, (key, galley.clone())));
            galley
        }
    };
    // The text edit has a frame margin; pad the gutter to line up with its rows.
    let margin = ui.spacing().button_padding.y.max(2.0);
    ui.vertical(|ui| {
        ui.add_space(margin);
        ui.add(egui::Label::new(galley).selectable(false));
    });
}

fn gutter_galley(
    ui: &Ui,
    line_count: usize,
    marked_line: Option<usize>,
) -> std::sync::Arc<egui::Galley> {
    let font_id = egui::TextStyle::Monospace.resolve(ui.style());
    let weak = ui.visuals().weak_text_color();
    let error = ui.visuals().error_fg_color;
    let width = line_count.to_string().len();
    let mut job = egui::text::LayoutJob::default();
    for line in 1..=line_count {
        let color = if Some(line) == marked_line {
            error
        } else {
            weak
        };
        let newline = if line == line_count { "" } else { "\n" };
        job.append(
            &format!("{line:>width$}{newline}"),
            0.0,
            egui::TextFormat::simple(font_id.clone(), color),
        );
    }
    ui.fonts_mut(|f| f.layout_job(job))
}

/// Moves the cursor of the editor `id` to `line`:`column` (1-based) and focuses it.
pub fn jump_to(ui: &Ui, id: Id, text: &str, line: usize, column: usize) {
    let char_index = char_index_of(text, line, column);
    let ctx = ui.ctx();
    let mut state = TextEdit::load_state(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::one(CCursor::new(char_index))));
    TextEdit::store_state(ctx, id, state);
    ctx.memory_mut(|memory| memory.request_focus(id));
}

/// The char index of 1-based `line`:`column`, clamped to the text.
pub fn char_index_of(text: &str, line: usize, column: usize) -> usize {
    let mut index = 0;
    for (number, piece) in text.split_inclusive('\n').enumerate() {
        let chars = piece.chars().count();
        if number + 1 == line {
            let content = piece.trim_end_matches('\n').chars().count();
            return index + column.saturating_sub(1).min(content);
        }
        index += chars;
    }
    index
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_chars_not_bytes() {
        let text = "é1\nab\ncd";
        assert_eq!(char_index_of(text, 1, 1), 0);
        assert_eq!(char_index_of(text, 2, 2), 4);
        assert_eq!(char_index_of(text, 3, 99), 8);
        assert_eq!(char_index_of(text, 9, 1), 8);
    }
}
