//! Destination-style previews: what the receiving service will show.
