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
                let font_id = egui::TextStyle::Monospace.resolve(ui.style());
                let digits = line_count.to_string().len();
                let digit_width = ui.fonts_mut(|f| f.glyph_width(&font_id, '0'));
                let (gutter, _) = ui.allocate_exact_size(
                    egui::vec2(digit_width * digits as f32 + 2.0, 1.0),
                    egui::Sense::hover(),
                );
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
                let output = edit.show(ui);
                paint_line_numbers(
                    ui,
                    gutter.right(),
                    output.galley_pos,
                    &output.galley,
                    &font_id,
                    marked_line,
                );
                response = Some(output.response.response.labelled_by(label_id));
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

/// Paints the line numbers of the visible rows, right-aligned at `right`, level with the
/// rows of `galley` (drawn at `galley_pos`); the marked line's number is in the error
/// colour. Only visible rows cost anything, so a 50 KB script's gutter is as cheap as a
/// short one's.
fn paint_line_numbers(
    ui: &Ui,
    right: f32,
    galley_pos: egui::Pos2,
    galley: &egui::Galley,
    font_id: &egui::FontId,
    marked_line: Option<usize>,
) {
    let clip = ui.clip_rect();
    let painter = ui.painter();
    let weak = ui.visuals().weak_text_color();
    let error = ui.visuals().error_fg_color;
    let mut line = 1;
    let mut starts_line = true;
    for placed in &galley.rows {
        let top = galley_pos.y + placed.pos.y;
        if top > clip.bottom() {
            break;
        }
        if starts_line && top + placed.size.y >= clip.top() {
            let color = if Some(line) == marked_line {
                error
            } else {
                weak
            };
            painter.text(
                egui::pos2(right, top),
                egui::Align2::RIGHT_TOP,
                line.to_string(),
                font_id.clone(),
                color,
            );
        }
        starts_line = placed.ends_with_newline;
        if starts_line {
            line += 1;
        }
    }
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
