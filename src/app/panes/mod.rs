//! One file per pane.

pub mod checks;
pub mod preview;
