//! One file per pane.

pub mod checks;
