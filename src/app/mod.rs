//! The desktop app: eframe::App, the serde app state and one file per pane.

pub mod panes;
