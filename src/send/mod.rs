//! Sending: request building, per-card auth, signing, delivery, receiver, history, cURL.
