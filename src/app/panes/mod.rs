//! One file per pane; each draws from state and pushes `Command`s.

pub mod checks;
pub mod code;
pub mod configure;
pub mod diff;
pub mod endpoints;
pub mod integrations;
pub mod output;
pub mod payload;
pub mod preview;
pub mod send;
