//! Reusable widgets: the code editor, the highlighter and the JSON view.

pub mod code_editor;
pub mod highlight;
pub mod json_view;
