//! "Add endpoint": the 14 integration cards in a searchable grid.

use egui::Ui;

use crate::app::command::Command;
use crate::app::theme;
use crate::catalogue::{self, Card};

/// The card grid with the "Search integrations…" box.
pub fn integrations_ui(ui: &mut Ui, search: &mut String, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui.button("‹ Endpoints").clicked() {
            cmds.push(Command::ShowEndpoints);
        }
        ui.label("›");
        ui.heading("New endpoint");
    });
    ui.label("Pick an integration. Each one prefills the URL, the credentials it needs and a starter transformation.");
    ui.horizontal(|ui| {
        let label = ui.label("Search integrations");
        ui.add(
            egui::TextEdit::singleline(search)
                .hint_text("Search integrations…")
                .desired_width(280.0),
        )
        .labelled_by(label.id);
    });
    ui.add_space(6.0);
    let needle = search.trim().to_lowercase();
    let cards: Vec<&'static Card> = catalogue::cards()
        .iter()
        .filter(|c| {
            needle.is_empty()
                || c.name.to_lowercase().contains(&needle)
                || c.subtitle.to_lowercase().contains(&needle)
                || c.id.contains(&needle)
        })
        .collect();
    if cards.is_empty() {
        ui.weak(format!("No integration matches \"{}\".", search.trim()));
        return;
    }
    let card_width = 250.0;
    let columns = ((ui.available_width() / (card_width + 8.0)) as usize).max(1);
    egui::ScrollArea::vertical()
        .id_salt("cards-scroll")
        .show(ui, |ui| {
            egui::Grid::new("cards-grid")
                .spacing([8.0, 8.0])
                .show(ui, |ui| {
                    for (index, card) in cards.iter().enumerate() {
                        if card_ui(ui, card, card_width) {
                            cmds.push(Command::PickCard(card.id.to_owned()));
                        }
                        if (index + 1) % columns == 0 {
                            ui.end_row();
                        }
                    }
                });
        });
}

/// One clickable card; returns whether it was picked.
fn card_ui(ui: &mut Ui, card: &Card, width: f32) -> bool {
    let inner = egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(width);
            ui.horizontal(|ui| {
                theme::card_badge(ui, card.color, card.initials, 36.0);
                ui.vertical(|ui| {
                    ui.strong(card.name);
                    ui.add(egui::Label::new(egui::RichText::new(card.subtitle).weak()).wrap());
                    ui.button(format!("Use {}", card.name)).clicked()
                })
                .inner
            })
            .inner
        });
    inner.inner
}
