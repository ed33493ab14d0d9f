//! The Dodo sample library: one envelope per event type, and the schema facts.
