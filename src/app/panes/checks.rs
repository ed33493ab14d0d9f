//! Drawing of check results: destination findings and the run-all grid (egui only; the
//! logic lives in `crate::check`).

use egui::{Color32, RichText};

use crate::check::grid::{Grid, Row, Status};
use crate::check::{Finding, Severity};

/// The colour of a severity.
fn severity_color(ui: &egui::Ui, severity: Severity) -> Color32 {
    match severity {
        Severity::Error => ui.visuals().error_fg_color,
        Severity::Warning => ui.visuals().warn_fg_color,
        Severity::Info => ui.visuals().weak_text_color(),
    }
}

/// Lists `findings` (severity, message, fix, rule); returns the path of the finding whose
/// path link was clicked, so the caller can reveal it in the output.
pub fn findings_ui(ui: &mut egui::Ui, findings: &[Finding]) -> Option<String> {
    if findings.is_empty() {
        ui.label(
            RichText::new("No problems found for this destination")
                .color(Color32::from_rgb(60, 160, 90)),
        );
        return None;
    }
    let mut clicked = None;
    for finding in findings {
        ui.horizontal_wrapped(|ui| {
            let color = severity_color(ui, finding.severity);
            ui.label(
                RichText::new(finding.severity.as_str().to_uppercase())
                    .color(color)
                    .strong(),
            );
            if ui
                .link(RichText::new(&finding.path).monospace())
                .on_hover_text("Show this place in the output")
                .clicked()
            {
                clicked = Some(finding.path.clone());
            }
            ui.label(&finding.message);
        });
        ui.indent(("finding-fix", &finding.path, finding.rule), |ui| {
            ui.label(RichText::new(format!("Fix: {}", finding.fix)).italics());
            ui.weak(RichText::new(finding.rule).small().monospace());
        });
        ui.add_space(4.0);
    }
    clicked
}

/// The fill colour of a grid cell.
fn status_color(status: &Status) -> Color32 {
    match status {
        Status::Transformed => Color32::from_rgb(46, 125, 80),
        Status::Unchanged => Color32::from_rgb(110, 110, 120),
        Status::Cancelled => Color32::from_rgb(70, 100, 150),
        Status::Failed { .. } => Color32::from_rgb(170, 50, 50),
        Status::Invalid => Color32::from_rgb(190, 120, 30),
        Status::Skipped => Color32::from_rgb(60, 60, 60),
    }
}

/// The hover text of a grid cell.
fn row_hover(row: &Row) -> String {
    let mut text = format!(
        "{}\n{} in {:.1} ms",
        row.sample,
        row.status.label(),
        row.duration.as_secs_f64() * 1000.0
    );
    if let Status::Failed { message, .. } = &row.status {
        text.push('\n');
        text.push_str(message);
    }
    for f in row.findings.iter().take(5) {
        text.push_str(&format!("\n{}: {} ({})", f.severity, f.message, f.path));
    }
    if row.findings.len() > 5 {
        text.push_str(&format!("\n… and {} more", row.findings.len() - 5));
    }
    text
}

/// Draws the grid, one colour-coded cell per sample, grouped by event family, with a
/// summary line; returns the sample whose cell was clicked.
pub fn grid_ui(ui: &mut egui::Ui, grid: &Grid) -> Option<String> {
    let s = grid.summary();
    ui.label(format!(
        "{} transformed · {} unchanged · {} cancelled · {} invalid · {} failed{}",
        s.transformed,
        s.unchanged,
        s.cancelled,
        s.invalid,
        s.failed,
        if grid.stopped {
            format!(" · {} skipped (stopped)", s.skipped)
        } else {
            String::new()
        }
    ));
    let mut clicked = None;
    for (family, rows) in grid.families() {
        ui.add_space(4.0);
        ui.label(RichText::new(family).strong());
        ui.horizontal_wrapped(|ui| {
            for row in rows {
                let short = row
                    .sample
                    .strip_prefix(&format!("{family}."))
                    .unwrap_or(&row.sample);
                let mut text = format!("{short}  {:.1} ms", row.duration.as_secs_f64() * 1000.0);
                if !row.findings.is_empty() {
                    text.push_str(&format!("  ·{}", row.findings.len()));
                }
                let button = egui::Button::new(RichText::new(text).color(Color32::WHITE))
                    .fill(status_color(&row.status));
                if ui.add(button).on_hover_text(row_hover(row)).clicked() {
                    clicked = Some(row.sample.clone());
                }
            }
        });
    }
    clicked
}
