//! Test with sample payloads: the sample picker and the editable payload (an edited copy).

use egui::{Id, Ui};

use crate::app::command::Command;
use crate::app::state::Draft;
use crate::app::widgets::code_editor::{Mark, code_editor};
use crate::app::widgets::highlight::{Highlighter, Lang};
use crate::samples::{Library, PayloadError, Sample, Variant};

/// The id of the payload editor.
pub fn editor_id() -> Id {
    Id::unique("test-payload")
}

/// A short word for a sample variant.
pub fn variant_word(variant: &Variant) -> String {
    match variant {
        Variant::Placeholder => "schema placeholder (strings \"string\", numbers 42)".to_owned(),
        other => other.label(),
    }
}

/// The payload section: the sample bar (picker, the event type's variants as chips, Format,
/// Open file…, Revert) and the payload editor, `height` tall. `parse_error` is the
/// payload's JSON error, if any.
pub fn payload_ui(
    ui: &mut Ui,
    draft: &mut Draft,
    search: &mut String,
    highlighter: &mut Highlighter,
    parse_error: Option<&PayloadError>,
    height: f32,
    cmds: &mut Vec<Command>,
) {
    let library = Library::builtin();
    let sample = library.get(&draft.sample);
    let edited = sample.is_none_or(|s| s.text != draft.payload_text);
    ui.horizontal_wrapped(|ui| {
        ui.strong("Test with sample payloads");
        let label = ui.label("Sample");
        egui::ComboBox::from_id_salt("sample-picker")
            .selected_text(if draft.sample.is_empty() {
                "Custom payload"
            } else {
                draft.sample.as_str()
            })
            .height(420.0)
            .show_ui(ui, |ui| {
                sample_list_ui(ui, library, &draft.sample, search, cmds)
            })
            .response
            .labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        if let Some(sample) = sample {
            // One chip per variant of the event type; the current one is selected.
            for variant in library.variants_of(&sample.event_type) {
                let chip = ui
                    .selectable_label(variant.name == sample.name, variant.variant.label())
                    .on_hover_text(format!(
                        "{}: {}",
                        variant.name,
                        variant_word(&variant.variant)
                    ));
                if chip.clicked() && variant.name != sample.name {
                    cmds.push(Command::LoadSample(variant.name.clone()));
                }
            }
            ui.separator();
        }
        if ui.button("Format").clicked() {
            cmds.push(Command::FormatPayload);
        }
        if ui.button("Open file…").clicked() {
            cmds.push(Command::OpenPayloadFile);
        }
        if ui
            .add_enabled(
                edited && sample.is_some(),
                egui::Button::new("Revert to sample"),
            )
            .clicked()
        {
            cmds.push(Command::RevertPayload);
        }
    });
    let label = ui.label("Payload");
    if edited && sample.is_some() {
        ui.weak("Edited copy: the library sample is unchanged.");
    }
    let mark = parse_error.map(|e| Mark {
        line: e.line as usize,
        column: Some(e.column as usize),
        message: format!("Invalid JSON: {}", e.message),
    });
    code_editor(
        ui,
        editor_id(),
        label.id,
        &mut draft.payload_text,
        Lang::Json,
        highlighter,
        mark.as_ref(),
        height,
    );
}

/// The searchable sample list inside the picker, grouped by event family.
fn sample_list_ui(
    ui: &mut Ui,
    library: &Library,
    current: &str,
    search: &mut String,
    cmds: &mut Vec<Command>,
) {
    let label = ui.label("Search samples");
    ui.add(egui::TextEdit::singleline(search).hint_text("refund, jpy, placeholder…"))
        .labelled_by(label.id);
    let needle = search.trim().to_lowercase();
    let matches = |s: &Sample| {
        needle.is_empty()
            || s.name.to_lowercase().contains(&needle)
            || variant_word(&s.variant).to_lowercase().contains(&needle)
    };
    egui::ScrollArea::vertical()
        .id_salt("sample-list")
        .max_height(360.0)
        .show(ui, |ui| {
            for (group, samples) in library.groups() {
                let shown: Vec<&Sample> = samples.into_iter().filter(|s| matches(s)).collect();
                if shown.is_empty() {
                    continue;
                }
                ui.separator();
                ui.weak(crate::samples::group_title(group));
                for sample in shown {
                    let response = ui
                        .selectable_label(sample.name == current, &sample.name)
                        .on_hover_text(variant_word(&sample.variant));
                    if response.clicked() {
                        cmds.push(Command::LoadSample(sample.name.clone()));
                        ui.close();
                    }
                }
            }
        });
}
