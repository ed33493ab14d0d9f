//! Colours and small painted marks: syntax colours, method and card badges, console levels.

use egui::{Color32, Rect, Sense, Stroke, Ui, Vec2};

use crate::app::widgets::highlight::TokenKind;
use crate::engine::ConsoleLevel;

/// Colours of the code and JSON highlighter for one theme.
#[derive(Clone, Debug)]
pub struct SyntaxColors {
    /// Text that is not a token of interest.
    pub plain: Color32,
    /// Reserved words.
    pub keyword: Color32,
    /// `true`, `false`, `null`…
    pub literal: Color32,
    /// Strings and template literals.
    pub string: Color32,
    /// JSON object keys.
    pub key: Color32,
    /// Numbers.
    pub number: Color32,
    /// Comments.
    pub comment: Color32,
    /// Identifiers.
    pub ident: Color32,
    /// The background of a line with an error.
    pub error_line: Color32,
}

impl SyntaxColors {
    /// The palette for a dark or light theme.
    pub fn for_dark_mode(dark: bool, visuals: &egui::Visuals) -> Self {
        if dark {
            Self {
                plain: visuals.text_color(),
                keyword: Color32::from_rgb(0xc6, 0x78, 0xdd),
                literal: Color32::from_rgb(0xd1, 0x9a, 0x66),
                string: Color32::from_rgb(0x98, 0xc3, 0x79),
                key: Color32::from_rgb(0x61, 0xaf, 0xef),
                number: Color32::from_rgb(0xd1, 0x9a, 0x66),
                comment: Color32::from_rgb(0x7f, 0x84, 0x8e),
                ident: Color32::from_rgb(0xe0, 0xe4, 0xea),
                error_line: Color32::from_rgba_unmultiplied(0xe0, 0x40, 0x40, 0x50),
            }
        } else {
            Self {
                plain: visuals.text_color(),
                keyword: Color32::from_rgb(0xa6, 0x26, 0xa4),
                literal: Color32::from_rgb(0x98, 0x68, 0x01),
                string: Color32::from_rgb(0x3a, 0x80, 0x2a),
                key: Color32::from_rgb(0x20, 0x5c, 0xc0),
                number: Color32::from_rgb(0x98, 0x68, 0x01),
                comment: Color32::from_rgb(0x8a, 0x8f, 0x98),
                ident: Color32::from_rgb(0x28, 0x2c, 0x34),
                error_line: Color32::from_rgba_unmultiplied(0xff, 0x60, 0x60, 0x40),
            }
        }
    }

    /// The colour of a token kind.
    pub fn color(&self, kind: TokenKind) -> Color32 {
        match kind {
            TokenKind::Plain => self.plain,
            TokenKind::Keyword => self.keyword,
            TokenKind::Literal => self.literal,
            TokenKind::String => self.string,
            TokenKind::Key => self.key,
            TokenKind::Number => self.number,
            TokenKind::Comment => self.comment,
            TokenKind::Ident => self.ident,
        }
    }
}

/// The colour of a console line of `level`.
pub fn console_color(ui: &Ui, level: ConsoleLevel) -> Color32 {
    match level {
        ConsoleLevel::Error => ui.visuals().error_fg_color,
        ConsoleLevel::Warn => ui.visuals().warn_fg_color,
        ConsoleLevel::Info => Color32::from_rgb(0x3b, 0x8e, 0xea),
        ConsoleLevel::Debug => ui.visuals().weak_text_color(),
        ConsoleLevel::Log => ui.visuals().text_color(),
    }
}

/// The green used for success (2xx, saved).
pub fn ok_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0x6c, 0xc0, 0x6c)
    } else {
        Color32::from_rgb(0x1e, 0x7d, 0x32)
    }
}

/// A filled pill with white text, e.g. the `POST` method badge.
pub fn pill(ui: &mut Ui, text: &str, fill: Color32) -> egui::Response {
    let galley = ui.painter().layout_no_wrap(
        text.to_owned(),
        egui::TextStyle::Monospace.resolve(ui.style()),
        Color32::WHITE,
    );
    let size = galley.size() + Vec2::new(12.0, 4.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter().rect_filled(rect, 4.0, fill);
        ui.painter()
            .galley(rect.center() - galley.size() / 2.0, galley, Color32::WHITE);
    }
    response
}

/// The fill of an HTTP method badge.
pub fn method_color(method: &str) -> Color32 {
    match method {
        "POST" => Color32::from_rgb(0x2e, 0x7d, 0x32),
        "PUT" => Color32::from_rgb(0x1f, 0x5f, 0xbf),
        "PATCH" => Color32::from_rgb(0x8e, 0x5b, 0x00),
        _ => Color32::from_rgb(0x60, 0x60, 0x60),
    }
}

/// Paints a card's badge: a rounded square in the card colour with its initials.
pub fn card_badge(ui: &mut Ui, color: [u8; 3], initials: &str, side: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
    if ui.is_rect_visible(rect) {
        paint_badge(ui, rect, color, initials);
    }
    response
}

fn paint_badge(ui: &Ui, rect: Rect, color: [u8; 3], initials: &str) {
    let fill = Color32::from_rgb(color[0], color[1], color[2]);
    // Dark text on light fills, white on dark ones.
    let luma =
        0.299 * f32::from(color[0]) + 0.587 * f32::from(color[1]) + 0.114 * f32::from(color[2]);
    let text_color = if luma > 160.0 {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    };
    let painter = ui.painter();
    painter.rect(
        rect,
        rect.height() * 0.22,
        fill,
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        initials,
        egui::FontId::proportional(rect.height() * 0.42),
        text_color,
    );
}
