//! hookcraft: author, test and send Dodo Payments webhook transformations offline.
//!
//! The core (engine, samples, catalogue, check, preview, send, store) holds no egui; the
//! desktop app (`app`) and the command line (`cli`) are two thin ways to drive it.

pub mod app;
pub mod catalogue;
pub mod check;
pub mod cli;
pub mod engine;
pub mod preview;
pub mod samples;
pub mod send;
pub mod store;
