//! The 14 integration cards: credentials, auth style, default URLs, starter transforms.
