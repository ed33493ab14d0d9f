//! The workspace on disk: endpoints as plain files, secrets, autosave.
pub mod secrets;
