//! What a click asks for: panes push [`Command`]s, the app applies them after drawing.

/// One user intent, applied by `HookcraftApp::apply` once the frame is drawn.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show the saved endpoints.
    ShowEndpoints,
    /// Start a new endpoint: show the integration grid.
    AddEndpoint,
    /// Start a new endpoint from the card with this id.
    PickCard(String),
    /// Open the saved endpoint with this slug in the editor.
    OpenEndpoint(String),
    /// Turn deliveries of a saved endpoint on or off.
    SetEnabled(String, bool),
    /// Delete a saved endpoint.
    DeleteEndpoint(String),
    /// Replace the code with the card template with this id.
    ApplyTemplate(String),
    /// Replace the test payload with the library sample of this name.
    LoadSample(String),
    /// Throw away payload edits and restore the library sample.
    RevertPayload,
    /// Pretty-print the payload.
    FormatPayload,
    /// Pick a JSON file as the test payload.
    OpenPayloadFile,
    /// Run the transformation now (skip the debounce).
    RunNow,
    /// Move the code editor's cursor to a 1-based line and column.
    JumpToCode(usize, usize),
    /// Save the endpoint (Create for a new one).
    Save,
    /// Drop the draft and go back to the endpoints.
    Cancel,
    /// Send the current output for real.
    SendTest,
    /// Start or stop the local receiver (and point Send test at it).
    SetLocalReceiver(bool),
    /// Copy the request as a redacted cURL command.
    CopyCurl,
    /// Run the transformation on every sample in the background.
    RunAllSamples,
    /// Stop "Run all samples": samples not yet run are marked skipped.
    StopAllSamples,
}
