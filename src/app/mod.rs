//! The desktop app: eframe::App, the serde app state and one file per pane.
//!
//! Layout: endpoints on the left, the editor (configure, code, test payload) in the middle,
//! output tabs and Send test on the right. Panes draw from [`state::AppState`] and push
//! [`command::Command`]s that [`HookcraftApp`] applies after the frame; runs and sends happen
//! on background threads ([`worker`]) that wake the UI when done, so an idle app does not
//! repaint.
//!
//! Failure handling: every failure the user can cause (bad JSON, script errors, store or
//! network errors) is shown once, where it happened: inline in its pane or in the status line.

pub mod command;
pub mod panes;
pub mod state;
pub mod theme;
pub mod widgets;
pub mod worker;

use std::hash::{Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::engine::{Engine, RunOptions, RunReport, RunRequest, WebhookInput};
use crate::samples::{self, Library, PayloadError};
use crate::store::Workspace;
use crate::store::secrets::{self, SecretStore};
use command::Command;
use state::{AppState, Draft, OutputTab, Screen};
use widgets::highlight::Highlighter;
use worker::RunWorker;

/// Seconds of typing silence before the output re-runs.
pub const DEBOUNCE_SECS: f64 = 0.25;

/// Seconds between draft autosaves while there are unsaved edits.
pub const DRAFT_SAVE_SECS: f64 = 3.0;

/// The application id (window class, persistence folder).
pub const APP_ID: &str = "hookcraft";

/// A line in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// What happened.
    pub text: String,
    /// Shown in the error colour.
    pub is_error: bool,
}

/// Open the app on a card and sample (`--demo segment payment.succeeded`, screenshots).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Demo {
    /// Card id.
    pub card: String,
    /// Sample name.
    pub sample: String,
    /// The tab beside the output.
    pub tab: OutputTab,
}

impl Demo {
    /// Reads `HOOKCRAFT_DEMO="card sample [output|preview|checks|diff]"` from the environment.
    pub fn from_env() -> Option<Self> {
        let value = std::env::var("HOOKCRAFT_DEMO").ok()?;
        let mut words = value.split_whitespace();
        let card = words.next()?.to_owned();
        let sample = words.next().unwrap_or("payment.succeeded").to_owned();
        let tab = match words.next().unwrap_or_default() {
            "preview" => OutputTab::Preview,
            "checks" => OutputTab::Checks,
            "diff" => OutputTab::Diff,
            _ => OutputTab::Output,
        };
        Some(Self { card, sample, tab })
    }
}

/// The hookcraft desktop app.
pub struct HookcraftApp {
    /// The persisted state.
    state: AppState,
    engine: Engine,
    workspace_dir: PathBuf,
    workspace: Result<Workspace, String>,
    secrets_path: PathBuf,
    endpoints: Vec<panes::endpoints::EndpointRow>,
    endpoints_error: Option<String>,
    worker: Option<RunWorker>,
    worker_error: Option<String>,
    report: Option<RunReport>,
    answered_generation: u64,
    run_key_seen: u64,
    changed_at: f64,
    submitted_key: u64,
    run_now: bool,
    payload_key: u64,
    payload_parse: Result<serde_json::Value, PayloadError>,
    code_highlighter: Highlighter,
    payload_highlighter: Highlighter,
    output_highlighter: Highlighter,
    response_highlighter: Highlighter,
    status: Option<Status>,
    pending_jump: Option<(usize, usize)>,
    draft_saved_key: u64,
    draft_saved_at: f64,
    send: panes::send::SendState,
    /// The "Open file…" dialog, open on its own thread: the chosen file and its text.
    open_file: Option<worker::Task<Option<OpenedFile>>>,
    ctx: Option<egui::Context>,
    /// Findings, preview and diff of the current report (computed once per report).
    derived: Option<Derived>,
    /// The running "Run all samples", if any.
    grid_run: Option<GridRun>,
    grid: Option<crate::check::grid::Grid>,
}

/// A running "Run all samples": the background task and the flag that stops it.
struct GridRun {
    task: worker::ProgressTask<(usize, usize), crate::check::grid::Grid>,
    cancel: Arc<AtomicBool>,
}

/// A file picked with "Open file…": where it is and its text (or why it could not be read).
struct OpenedFile {
    path: PathBuf,
    text: Result<String, String>,
}

/// The largest payload file "Open file…" loads (the editor is for one webhook, not a dump).
const PAYLOAD_FILE_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a payload file as UTF-8 text, refusing files over [`PAYLOAD_FILE_MAX_BYTES`].
fn read_payload_file(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > PAYLOAD_FILE_MAX_BYTES {
        return Err(format!(
            "the file is {size} bytes; payloads over {PAYLOAD_FILE_MAX_BYTES} bytes are not loaded"
        ));
    }
    std::fs::read_to_string(path).map_err(|e| e.to_string())
}

/// What the tabs beside the output show, derived from one run.
struct Derived {
    findings: Vec<crate::check::Finding>,
    preview: crate::preview::Preview,
    diff: Vec<crate::check::diff::DiffEntry>,
}

impl HookcraftApp {
    /// The app over `engine`, the workspace in `workspace_dir` and the secrets file at
    /// `secrets_path`, restoring `state` (else the workspace's draft).
    pub fn new(
        engine: Engine,
        workspace_dir: PathBuf,
        secrets_path: PathBuf,
        state: Option<AppState>,
    ) -> Self {
        let workspace = Workspace::open(&workspace_dir).map_err(|e| {
            format!(
                "Cannot open the workspace: {e:#} ({})",
                workspace_dir.display()
            )
        });
        let mut app = Self {
            state: AppState::default(),
            engine,
            workspace_dir,
            workspace,
            secrets_path,
            endpoints: Vec::new(),
            endpoints_error: None,
            worker: None,
            worker_error: None,
            report: None,
            answered_generation: 0,
            run_key_seen: 0,
            changed_at: f64::NEG_INFINITY,
            submitted_key: 0,
            run_now: false,
            payload_key: 0,
            payload_parse: Ok(serde_json::Value::Null),
            code_highlighter: Highlighter::default(),
            payload_highlighter: Highlighter::default(),
            output_highlighter: Highlighter::default(),
            response_highlighter: Highlighter::default(),
            status: None,
            pending_jump: None,
            draft_saved_key: 0,
            draft_saved_at: 0.0,
            send: panes::send::SendState::default(),
            open_file: None,
            ctx: None,
            derived: None,
            grid_run: None,
            grid: None,
        };
        app.state = match state {
            Some(state) => state,
            None => app.restored_draft_state(),
        };
        app.load_secrets_for_draft();
        app.refresh_endpoints();
        app.draft_saved_key = draft_key(&app.state.draft);
        app
    }

    /// The app as tests build it: no window, no persisted state, secrets in
    /// `workspace_dir/.secrets.json`.
    pub fn new_for_tests(engine: Engine, workspace_dir: PathBuf) -> Self {
        let secrets_path = workspace_dir.join(".secrets.json");
        Self::new(engine, workspace_dir, secrets_path, None)
    }

    /// The app opened on `demo`'s card and sample.
    pub fn with_demo(mut self, demo: &Demo) -> Self {
        self.apply(Command::PickCard(demo.card.clone()));
        self.apply(Command::LoadSample(demo.sample.clone()));
        self.state.output_tab = demo.tab;
        self
    }

    /// The persisted state (read-only; tests inspect it).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The persisted state, for scripted set-up (benchmarks, demos).
    pub fn state_mut(&mut self) -> &mut AppState {
        &mut self.state
    }

    /// The newest run report.
    pub fn report(&self) -> Option<&RunReport> {
        self.report.as_ref()
    }

    /// The status line.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The saved endpoints as last listed.
    pub fn endpoints(&self) -> &[panes::endpoints::EndpointRow] {
        &self.endpoints
    }

    /// The workspace folder.
    pub fn workspace_dir(&self) -> &Path {
        &self.workspace_dir
    }

    fn restored_draft_state(&self) -> AppState {
        let mut state = AppState::default();
        if let Ok(workspace) = &self.workspace
            && let Some(draft) = workspace.load_draft()
        {
            state.draft = Draft::from_endpoint(&draft, &state.draft);
            state.screen = Screen::Editor;
        }
        state
    }

    // ------------------------------------------------------------------------------------
    // Drawing

    /// Draws one frame into `ui` (the whole window) and applies the clicks.
    pub fn ui(&mut self, ui: &mut Ui) {
        if self.ctx.is_none() {
            self.ctx = Some(ui.ctx().clone());
        }
        let mut cmds = Vec::new();
        self.shortcuts(ui, &mut cmds);
        self.poll_background();
        let now = ui.input(|i| i.time);
        self.schedule_run(ui.ctx(), now);
        self.autosave_draft(now);

        egui::Panel::top("top-bar").show(ui, |ui| self.top_bar_ui(ui));
        egui::Panel::left("endpoints-panel")
            .resizable(true)
            .default_size(270.0)
            .show(ui, |ui| {
                let current = self.state.draft.slug.as_deref();
                panes::endpoints::endpoints_ui(
                    ui,
                    &self.endpoints,
                    current,
                    self.endpoints_error.as_deref(),
                    &mut cmds,
                );
            });
        match self.state.screen {
            Screen::Endpoints => {
                egui::CentralPanel::default().show(ui, |ui| home_ui(ui, &mut cmds));
            }
            Screen::PickIntegration => {
                egui::CentralPanel::default().show(ui, |ui| {
                    panes::integrations::integrations_ui(
                        ui,
                        &mut self.state.integration_search,
                        &mut cmds,
                    );
                });
            }
            Screen::Editor => self.editor_ui(ui, &mut cmds),
        }

        if let Some((line, column)) = self.pending_jump.take() {
            widgets::code_editor::jump_to(
                ui,
                panes::code::editor_id(),
                &self.state.draft.code,
                line,
                column,
            );
        }
        for cmd in cmds {
            self.apply(cmd);
        }
    }

    fn top_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.heading("hookcraft");
            ui.separator();
            let crumb = match self.state.screen {
                Screen::Endpoints => "Endpoints".to_owned(),
                Screen::PickIntegration => "Endpoints › New Endpoint".to_owned(),
                Screen::Editor => match &self.state.draft.slug {
                    Some(_) => format!("Endpoints › {}", self.state.draft.display_name()),
                    None => "Endpoints › New Endpoint".to_owned(),
                },
            };
            ui.label(crumb);
            if let Some(status) = &self.status {
                ui.separator();
                let color = if status.is_error {
                    ui.visuals().error_fg_color
                } else {
                    theme::ok_color(ui)
                };
                ui.colored_label(color, &status.text);
            }
        });
    }

    fn editor_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let is_new = self.state.draft.slug.is_none();
        egui::Panel::bottom("actions-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.button("Cancel").clicked() {
                    cmds.push(Command::Cancel);
                }
                let label = if is_new { "Create" } else { "Save" };
                if ui.button(label).on_hover_text("Ctrl+S").clicked() {
                    cmds.push(Command::Save);
                }
                ui.weak("Ctrl+Enter runs now · Ctrl+S saves · drafts are autosaved");
            });
        });
        egui::Panel::right("output-panel")
            .resizable(true)
            .default_size((ui.available_width() * 0.42).max(360.0))
            .show(ui, |ui| self.test_panel_ui(ui, cmds));
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("editor-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| self.editor_column_ui(ui, cmds));
        });
    }

    /// The central column: the card, Configure and the transformation code, which takes
    /// the rest of the height.
    fn editor_column_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let AppState {
            draft,
            show_secrets,
            event_search,
            ..
        } = &mut self.state;
        if let Some(card) = draft.card() {
            ui.horizontal(|ui| {
                theme::card_badge(ui, card.color, card.initials, 32.0);
                ui.vertical(|ui| {
                    ui.strong(card.name);
                    ui.weak(card.subtitle);
                });
                if ui.button("Change integration").clicked() {
                    cmds.push(Command::AddEndpoint);
                }
            });
        }
        egui::CollapsingHeader::new("Configure")
            .id_salt("configure-section")
            .default_open(true)
            .show(ui, |ui| {
                panes::configure::configure_ui(ui, draft, show_secrets, event_search)
            });
        ui.separator();
        let error = self.report.as_ref().and_then(RunReport::error);
        // Fill the visible height below Configure (the code's header rows and error line
        // take about 90 points); with Configure open the column scrolls.
        let height = (ui.clip_rect().bottom() - ui.cursor().top() - 90.0).max(320.0);
        panes::code::code_ui(ui, draft, &mut self.code_highlighter, error, height, cmds);
    }

    /// The test column: the sample payload on top, then the tabs over the run's output.
    fn test_panel_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let parse_error = self.payload_parse.as_ref().err();
        let height = (ui.available_height() * 0.28).clamp(110.0, 300.0);
        panes::payload::payload_ui(
            ui,
            &mut self.state.draft,
            &mut self.state.sample_search,
            &mut self.payload_highlighter,
            parse_error,
            height,
            cmds,
        );
        ui.separator();
        self.output_panel_ui(ui, cmds);
    }

    fn output_panel_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            for (tab, name) in [
                (OutputTab::Output, "Output"),
                (OutputTab::Preview, "Preview"),
                (OutputTab::Checks, "Checks"),
                (OutputTab::Diff, "Diff"),
            ] {
                let name = match (tab, &self.derived) {
                    (OutputTab::Checks, Some(d)) if !d.findings.is_empty() => {
                        let (errors, warnings, _) = crate::check::count(&d.findings);
                        if errors + warnings > 0 {
                            format!("Checks ({})", errors + warnings)
                        } else {
                            name.to_owned()
                        }
                    }
                    _ => name.to_owned(),
                };
                ui.selectable_value(&mut self.state.output_tab, tab, name);
            }
        });
        ui.separator();
        match self.state.output_tab {
            OutputTab::Output => {}
            OutputTab::Preview => {
                match &self.derived {
                    Some(derived) => panes::preview::preview_ui(ui, &derived.preview),
                    None => no_output_ui(ui),
                }
                return;
            }
            OutputTab::Checks => {
                self.checks_tab_ui(ui, cmds);
                return;
            }
            OutputTab::Diff => {
                match &self.derived {
                    Some(derived) => panes::diff::diff_ui(ui, &derived.diff),
                    None => no_output_ui(ui),
                }
                return;
            }
        }
        let blocked = self.payload_parse.as_ref().err().map(|e| {
            format!(
                "Payload is not valid JSON (line {}:{}): {}",
                e.line, e.column, e.message
            )
        });
        let blocked = blocked.or_else(|| self.worker_error.clone());
        let pending = self.run_pending();
        egui::ScrollArea::vertical()
            .id_salt("output-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let view = panes::output::OutputView {
                    report: self.report.as_ref(),
                    pending,
                    blocked,
                };
                panes::output::output_ui(ui, &view, &mut self.output_highlighter, cmds);
                ui.separator();
                let can_send = self.current_output().is_some();
                panes::send::send_ui(
                    ui,
                    &self.send,
                    &mut self.state.use_local_receiver,
                    can_send,
                    &mut self.response_highlighter,
                    cmds,
                );
            });
    }

    fn checks_tab_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        egui::ScrollArea::vertical()
            .id_salt("checks-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.strong("This output");
                match &self.derived {
                    Some(derived) => {
                        if panes::checks::findings_ui(ui, &derived.findings).is_some() {
                            self.state.output_tab = OutputTab::Output;
                        }
                    }
                    None => no_output_ui(ui),
                }
                ui.separator();
                ui.horizontal(|ui| {
                    ui.strong("All samples");
                    let running = self.grid_run.is_some();
                    if ui
                        .add_enabled(!running, egui::Button::new("Run all samples"))
                        .clicked()
                    {
                        cmds.push(Command::RunAllSamples);
                    }
                    if let Some(run) = &self.grid_run {
                        if ui.button("Stop").clicked() {
                            cmds.push(Command::StopAllSamples);
                        }
                        ui.spinner();
                        if let Some((done, total)) = run.task.last_progress {
                            ui.weak(format!("{done} / {total}"));
                        }
                    }
                });
                if let Some(grid) = &self.grid
                    && let Some(sample) = panes::checks::grid_ui(ui, grid)
                {
                    cmds.push(Command::LoadSample(sample));
                    self.state.output_tab = OutputTab::Output;
                }
            });
    }

    /// Whether the output is waiting for typing to stop or for the worker.
    pub fn run_pending(&self) -> bool {
        self.payload_parse.is_ok()
            && (self.run_key_seen != self.submitted_key
                || self
                    .worker
                    .as_ref()
                    .is_some_and(|w| w.is_pending(self.answered_generation)))
    }

    fn shortcuts(&mut self, ui: &Ui, cmds: &mut Vec<Command>) {
        let run = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        ui.input_mut(|input| {
            if input.consume_shortcut(&run) {
                cmds.push(Command::RunNow);
            }
            if input.consume_shortcut(&save) && self.state.screen == Screen::Editor {
                cmds.push(Command::Save);
            }
        });
    }

    // ------------------------------------------------------------------------------------
    // Background work

    fn poll_background(&mut self) {
        if let Some(opened) = self.open_file.as_ref().and_then(worker::Task::poll) {
            self.open_file = None;
            if let Some(file) = opened {
                self.apply_opened_file(file);
            }
        }
        if let Some(grid) = self.grid_run.as_mut().and_then(|run| run.task.poll()) {
            self.grid_run = None;
            self.grid = Some(grid);
        }
        if let Some(outcome) = self.send.task.as_ref().and_then(worker::Task::poll) {
            self.send.task = None;
            self.send.last = Some(outcome);
            if let Some(receiver) = &self.send.receiver {
                self.send.received = receiver.received();
            }
        }
        if let Some(worker) = &mut self.worker
            && let Some(report) = worker.poll()
        {
            self.answered_generation = worker.latest_generation();
            let card_id = self.state.draft.card.clone();
            self.derived = report.output().map(|output| Derived {
                findings: crate::check::validate(output),
                preview: crate::preview::build_for_card(output, Some(&card_id)),
                diff: self
                    .payload_parse
                    .as_ref()
                    .ok()
                    .map(|payload| {
                        let input = WebhookInput::new(payload.clone())
                            .with_url(&self.state.draft.effective_url())
                            .with_env(self.state.draft.env_map());
                        crate::check::diff::request_diff(&input, output)
                    })
                    .unwrap_or_default(),
            });
            self.report = Some(report);
        }
    }

    /// Re-runs the transform once the inputs have been still for [`DEBOUNCE_SECS`].
    fn schedule_run(&mut self, ctx: &egui::Context, now: f64) {
        if self.state.screen != Screen::Editor {
            return;
        }
        let draft = &self.state.draft;
        let payload_key = hash_of(&draft.payload_text);
        if payload_key != self.payload_key {
            self.payload_key = payload_key;
            self.payload_parse = samples::parse_payload(&draft.payload_text);
        }
        let Ok(payload) = &self.payload_parse else {
            return;
        };
        let mut hasher = std::hash::DefaultHasher::new();
        draft.code.hash(&mut hasher);
        payload_key.hash(&mut hasher);
        draft.effective_url().hash(&mut hasher);
        draft.env_map().hash(&mut hasher);
        let key = hasher.finish();
        if key != self.run_key_seen {
            self.run_key_seen = key;
            self.changed_at = now;
        }
        if key == self.submitted_key && !self.run_now {
            return;
        }
        let due = self.changed_at + DEBOUNCE_SECS;
        // The first run of a session starts at once; later ones wait for typing to stop.
        if now < due && !self.run_now && self.submitted_key != 0 {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
            return;
        }
        self.run_now = false;
        let request = RunRequest {
            code: draft.code.clone(),
            input: WebhookInput::new(payload.clone())
                .with_url(&draft.effective_url())
                .with_env(draft.env_map()),
            options: RunOptions::repeatable(),
        };
        if self.worker.is_none() {
            match RunWorker::spawn(self.engine.clone(), ctx.clone()) {
                Ok(worker) => self.worker = Some(worker),
                Err(e) => {
                    self.worker_error = Some(format!("Cannot start the run worker: {e}"));
                    return;
                }
            }
        }
        if let Some(worker) = &mut self.worker {
            worker.submit(request);
            self.submitted_key = key;
        }
    }

    fn autosave_draft(&mut self, now: f64) {
        if self.state.screen != Screen::Editor || now - self.draft_saved_at < DRAFT_SAVE_SECS {
            return;
        }
        self.save_draft_now(now);
    }

    /// Writes the draft to the workspace if it changed since the last write.
    pub fn save_draft_now(&mut self, now: f64) {
        let key = draft_key(&self.state.draft);
        if key == self.draft_saved_key {
            return;
        }
        let Ok(workspace) = &self.workspace else {
            return;
        };
        let saved = workspace
            .save_draft(&self.state.draft.to_endpoint())
            .map_err(|e| format!("{e:#}"))
            .and_then(|()| match self.state.draft.slug.as_deref() {
                // A saved endpoint keeps its secrets under its slug; only new ones use the draft slot.
                Some(_) => Ok(()),
                None => self.store_credentials(secrets::DRAFT),
            });
        match saved {
            Ok(()) => {
                self.draft_saved_key = key;
                self.draft_saved_at = now;
            }
            Err(e) => {
                self.draft_saved_at = now;
                self.set_error(format!("Could not autosave the draft: {e}"));
            }
        }
    }

    // ------------------------------------------------------------------------------------
    // Commands

    /// Applies one command.
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::ShowEndpoints => self.state.screen = Screen::Endpoints,
            Command::AddEndpoint => self.state.screen = Screen::PickIntegration,
            Command::PickCard(id) => self.pick_card(&id),
            Command::OpenEndpoint(slug) => self.open_endpoint(&slug),
            Command::SetEnabled(slug, enabled) => self.set_enabled(&slug, enabled),
            Command::DeleteEndpoint(slug) => self.delete_endpoint(&slug),
            Command::ApplyTemplate(id) => self.apply_template(&id),
            Command::LoadSample(name) => self.load_sample(&name),
            Command::RevertPayload => {
                let name = self.state.draft.sample.clone();
                self.load_sample(&name);
            }
            Command::FormatPayload => self.format_payload(),
            Command::OpenPayloadFile => self.open_payload_file(),
            Command::RunNow => self.run_now = true,
            Command::JumpToCode(line, column) => self.pending_jump = Some((line, column)),
            Command::Save => self.save_endpoint(),
            Command::Cancel => {
                self.state.draft = Draft::default();
                self.state.screen = Screen::Endpoints;
                self.report = None;
            }
            Command::SendTest => self.send_test(),
            Command::SetLocalReceiver(on) => self.set_local_receiver(on),
            Command::CopyCurl => self.copy_curl(),
            Command::RunAllSamples => self.run_all_samples(),
            Command::StopAllSamples => {
                if let Some(run) = &self.grid_run {
                    run.cancel.store(true, Ordering::Relaxed);
                }
            }
        }
    }

    /// The output of the newest run, when it succeeded and matches the current inputs.
    pub fn current_output(&self) -> Option<&crate::engine::Output> {
        self.report.as_ref().and_then(RunReport::output)
    }

    fn send_test(&mut self) {
        if self.send.in_flight() {
            self.send.note =
                Some("A test send is already in flight: wait for its answer.".to_owned());
            return;
        }
        let Some(output) = self.current_output().cloned() else {
            self.send.note =
                Some("Nothing to send: the transformation has no output yet.".to_owned());
            return;
        };
        if self.state.use_local_receiver && self.send.receiver.is_none() {
            self.set_local_receiver(true);
        }
        let send_to = if self.state.use_local_receiver {
            self.send
                .receiver
                .as_ref()
                .map(crate::send::receiver::Receiver::url)
        } else {
            None
        };
        let Some(ctx) = self.ctx.clone() else {
            return;
        };
        let draft = &self.state.draft;
        let card_id = draft.card.clone();
        let credentials = draft.credentials.clone();
        let headers = draft.header_pairs();
        let options = crate::send::DispatchOptions {
            send_to,
            ..Default::default()
        };
        let task = worker::Task::spawn("hookcraft-send", &ctx, move || {
            let card = crate::catalogue::card(&card_id);
            crate::send::dispatch(&output, card, &credentials, &headers, &options)
        });
        match task {
            Ok(task) => {
                self.send.task = Some(task);
                self.send.note = None;
            }
            Err(e) => self.send.note = Some(format!("Could not start the send: {e}")),
        }
    }

    fn set_local_receiver(&mut self, on: bool) {
        self.state.use_local_receiver = on;
        if !on {
            if let Some(receiver) = self.send.receiver.take() {
                receiver.stop();
            }
            self.send.received.clear();
            return;
        }
        if self.send.receiver.is_some() {
            return;
        }
        let config = crate::send::receiver::ReceiverConfig::default();
        match crate::send::receiver::Receiver::start(config) {
            Ok(receiver) => self.send.receiver = Some(receiver),
            Err(e) => {
                self.state.use_local_receiver = false;
                self.send.note = Some(format!("Could not start the local receiver: {e}"));
            }
        }
    }

    fn copy_curl(&mut self) {
        let Some(output) = self.current_output() else {
            return;
        };
        let draft = &self.state.draft;
        let auth = crate::send::card_auth(&draft.card);
        let built = crate::send::build_request_with(
            output,
            auth.as_ref(),
            &draft.credentials,
            &draft.header_pairs(),
            &crate::send::BuildOptions::default(),
        );
        match built {
            Ok(request) => {
                let curl = crate::send::curl::to_curl(&request, false);
                if let Some(ctx) = &self.ctx {
                    ctx.copy_text(curl);
                }
                self.set_ok("Copied the request as cURL (secrets redacted).".to_owned());
            }
            Err(e) => self.set_error(format!("Cannot build the request: {e}")),
        }
    }

    fn run_all_samples(&mut self) {
        if self.grid_run.is_some() {
            return;
        }
        let Some(ctx) = self.ctx.clone() else {
            return;
        };
        let engine = self.engine.clone();
        let code = self.state.draft.code.clone();
        let url = self.state.draft.effective_url();
        let env = self.state.draft.env_map();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let task = worker::ProgressTask::spawn(
            "hookcraft-grid",
            &ctx,
            move |report: &(dyn Fn((usize, usize)) + Sync)| {
                let samples: Vec<crate::check::SampleRef<'static>> = Library::builtin()
                    .iter()
                    .map(|s| crate::check::SampleRef {
                        name: &s.name,
                        payload: &s.payload,
                    })
                    .collect();
                let run = |request: &RunRequest| engine.run(request);
                let progress = |done: usize, total: usize| report((done, total));
                crate::check::grid::run_all(&run, &code, &samples, &url, &env, &progress, &cancel)
            },
        );
        match task {
            Ok(task) => {
                self.grid = None;
                self.grid_run = Some(GridRun { task, cancel: stop });
            }
            Err(e) => self.set_error(format!("Could not start the run: {e}")),
        }
    }

    fn pick_card(&mut self, id: &str) {
        let Some(card) = crate::catalogue::card(id) else {
            self.set_error(format!("Unknown integration \"{id}\"."));
            return;
        };
        let previous = std::mem::take(&mut self.state.draft);
        let mut draft = Draft::for_card(Some(card));
        // Keep the test payload the user was working with.
        draft.sample = previous.sample;
        draft.payload_text = previous.payload_text;
        self.state.draft = draft;
        self.state.screen = Screen::Editor;
        self.report = None;
        self.status = None;
    }

    fn open_endpoint(&mut self, slug: &str) {
        let Ok(workspace) = &self.workspace else {
            return;
        };
        match workspace.load(slug) {
            Ok(endpoint) => {
                self.state.draft = Draft::from_endpoint(&endpoint, &self.state.draft);
                self.load_secrets_for_draft();
                self.state.screen = Screen::Editor;
                self.report = None;
                self.status = None;
            }
            Err(e) => self.set_error(format!("Could not open the endpoint: {e:#}")),
        }
    }

    /// Fills the draft's credentials from the secret store (the draft slot for a new one).
    fn load_secrets_for_draft(&mut self) {
        let slug = self
            .state
            .draft
            .slug
            .clone()
            .unwrap_or_else(|| secrets::DRAFT.to_owned());
        match self.secret_store() {
            Ok(store) => self.state.draft.credentials = store.for_endpoint(&slug),
            Err(e) => self.set_error(e),
        }
    }

    fn secret_store(&self) -> Result<SecretStore, String> {
        SecretStore::open(&self.secrets_path)
            .map_err(|e| format!("Cannot open the secret store: {e:#}"))
    }

    /// Writes the draft's credentials under `slug` (dropping empty ones).
    fn store_credentials(&self, slug: &str) -> Result<(), String> {
        let mut store = self.secret_store()?;
        let Some(card) = self.state.draft.card() else {
            return Ok(());
        };
        for field in card.credentials {
            let value = self
                .state
                .draft
                .credentials
                .get(field.name)
                .map_or("", String::as_str);
            let result = if value.is_empty() {
                store.remove(slug, field.name)
            } else {
                store.set(slug, field.name, value)
            };
            result.map_err(|e| format!("{e:#}"))?;
        }
        Ok(())
    }

    fn set_enabled(&mut self, slug: &str, enabled: bool) {
        let Ok(workspace) = &self.workspace else {
            return;
        };
        match workspace.set_enabled(slug, enabled) {
            Ok(()) => {
                if self.state.draft.slug.as_deref() == Some(slug) {
                    self.state.draft.enabled = enabled;
                }
                self.refresh_endpoints();
            }
            Err(e) => self.set_error(format!("Could not change the endpoint: {e:#}")),
        }
    }

    fn delete_endpoint(&mut self, slug: &str) {
        let Ok(workspace) = &self.workspace else {
            return;
        };
        match workspace.delete(slug) {
            Ok(()) => {
                if self.state.draft.slug.as_deref() == Some(slug) {
                    self.state.draft.slug = None;
                }
                let secrets = self.secret_store().and_then(|mut store| {
                    store.remove_endpoint(slug).map_err(|e| format!("{e:#}"))
                });
                match secrets {
                    Ok(()) => self.set_ok(format!("Deleted {slug}.")),
                    Err(e) => {
                        self.set_error(format!("Deleted {slug} but not its credentials: {e}"))
                    }
                }
                self.refresh_endpoints();
            }
            Err(e) => self.set_error(format!("Could not delete the endpoint: {e:#}")),
        }
    }

    fn apply_template(&mut self, id: &str) {
        let Some(template) = self
            .state
            .draft
            .card()
            .and_then(|card| card.templates.iter().find(|t| t.id == id))
        else {
            return;
        };
        template.code.clone_into(&mut self.state.draft.code);
        self.state.draft.template = Some(template.id.to_owned());
    }

    fn load_sample(&mut self, name: &str) {
        match Library::builtin().get(name) {
            Some(sample) => {
                self.state.draft.sample = sample.name.clone();
                self.state.draft.payload_text = sample.text.clone();
            }
            None => self.set_error(format!("No sample named \"{name}\".")),
        }
    }

    fn format_payload(&mut self) {
        match samples::parse_payload(&self.state.draft.payload_text) {
            Ok(value) => {
                if let Ok(text) = serde_json::to_string_pretty(&value) {
                    self.state.draft.payload_text = text;
                }
            }
            Err(e) => self.set_error(format!(
                "Cannot format: line {}:{}: {}",
                e.line, e.column, e.message
            )),
        }
    }

    /// Opens the file dialog on a background thread (the window keeps drawing); the file is
    /// read there too and applied by [`Self::poll_background`].
    fn open_payload_file(&mut self) {
        if self.open_file.is_some() {
            self.set_error("A file dialog is already open.".to_owned());
            return;
        }
        let Some(ctx) = self.ctx.clone() else {
            return;
        };
        let task = worker::Task::spawn("hookcraft-open-file", &ctx, || {
            // No filter: a payload a customer sent may be saved as .txt or with no extension
            // (rfd's filters are `*.ext` globs); the text is checked as JSON once loaded.
            let dialog = rfd::AsyncFileDialog::new()
                .set_title("Open a payload (JSON)")
                .pick_file();
            let path = pollster::block_on(dialog)?.path().to_owned();
            let text = read_payload_file(&path);
            Some(OpenedFile { path, text })
        });
        match task {
            Ok(task) => self.open_file = Some(task),
            Err(e) => self.set_error(format!("Could not open the file dialog: {e}")),
        }
    }

    /// Applies a file picked with "Open file…" as the test payload.
    fn apply_opened_file(&mut self, file: OpenedFile) {
        match file.text {
            Ok(text) => {
                self.state.draft.payload_text = text;
                self.state.draft.sample.clear();
                self.set_ok(format!("Loaded {}", file.path.display()));
            }
            Err(e) => self.set_error(format!("Could not read {}: {e}", file.path.display())),
        }
    }

    fn save_endpoint(&mut self) {
        let Ok(workspace) = &self.workspace else {
            let message = self.workspace.as_ref().err().cloned().unwrap_or_default();
            self.set_error(message);
            return;
        };
        let endpoint = self.state.draft.to_endpoint();
        let was_new = self.state.draft.slug.is_none();
        let slug = match workspace.save(&endpoint) {
            Ok(slug) => slug,
            Err(e) => {
                self.set_error(format!("Could not save the endpoint: {e:#}"));
                return;
            }
        };
        workspace.clear_draft().ok();
        self.state.draft.slug = Some(slug.clone());
        self.draft_saved_key = draft_key(&self.state.draft);
        let mut secret_result = self.store_credentials(&slug);
        if was_new && secret_result.is_ok() {
            secret_result = self.secret_store().and_then(|mut store| {
                store
                    .remove_endpoint(secrets::DRAFT)
                    .map_err(|e| format!("{e:#}"))
            });
        }
        self.refresh_endpoints();
        match secret_result {
            Ok(()) => {
                let verb = if was_new { "Created" } else { "Saved" };
                self.set_ok(format!("{verb} {}.", endpoint.name));
            }
            Err(e) => self.set_error(format!("Saved the endpoint but not its credentials: {e}")),
        }
    }

    fn refresh_endpoints(&mut self) {
        match &self.workspace {
            Ok(workspace) => match workspace.list() {
                Ok(list) => {
                    self.endpoints = list
                        .into_iter()
                        .map(|summary| {
                            let events =
                                workspace.load(&summary.slug).map_or(0, |e| e.events.len());
                            panes::endpoints::EndpointRow { summary, events }
                        })
                        .collect();
                    self.endpoints_error = None;
                }
                Err(e) => self.endpoints_error = Some(format!("Could not list endpoints: {e:#}")),
            },
            Err(e) => self.endpoints_error = Some(e.clone()),
        }
    }

    fn set_error(&mut self, text: String) {
        self.status = Some(Status {
            text,
            is_error: true,
        });
    }

    fn set_ok(&mut self, text: String) {
        self.status = Some(Status {
            text,
            is_error: false,
        });
    }
}

/// The home screen when no endpoint is open.
fn home_ui(ui: &mut Ui, cmds: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("Webhook transformations, tested offline");
        ui.label(
            "Pick an integration, shape the request in JavaScript, try it on realistic Dodo \
             Payments events and send a test when it looks right.",
        );
        ui.add_space(12.0);
        if ui.button("Start with an integration").clicked() {
            cmds.push(Command::AddEndpoint);
        }
    });
}

fn no_output_ui(ui: &mut Ui) {
    ui.weak("No output yet: fix the errors shown in the Output tab.");
}

fn hash_of(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn draft_key(draft: &Draft) -> u64 {
    hash_of(&serde_json::to_string(&draft.to_endpoint()).unwrap_or_default())
}

/// With `HOOKCRAFT_STARTUP_PROBE=1`, the real window reports on stderr how long after
/// `run_app_with` began its first frame was drawn (the second frame starts once the first
/// is on screen), then closes. `scripts/startup_time.sh` runs it under Xvfb.
struct StartupProbe {
    started: std::time::Instant,
    frames: u32,
}

impl StartupProbe {
    fn from_env(started: std::time::Instant) -> Option<Self> {
        std::env::var_os("HOOKCRAFT_STARTUP_PROBE").map(|_| Self { started, frames: 0 })
    }

    /// Called at the start of each frame.
    fn frame(&mut self, ctx: &egui::Context) {
        self.frames += 1;
        if self.frames == 2 {
            eprintln!(
                "startup: first frame on screen after {:.1} ms",
                self.started.elapsed().as_secs_f64() * 1e3
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// The app as eframe runs it, with the optional startup probe.
struct WindowApp {
    app: HookcraftApp,
    probe: Option<StartupProbe>,
}

impl eframe::App for WindowApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if let Some(probe) = &mut self.probe {
            probe.frame(ui.ctx());
            // Ask for the frame that shows the first one was drawn.
            ui.ctx().request_repaint();
        }
        self.app.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.app.state);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.app.save_draft_now(f64::INFINITY);
    }
}

/// Opens the desktop window (title "hookcraft", 1280×800) and runs until it closes.
///
/// Environment: `HOOKCRAFT_DEMO="segment payment.succeeded"` opens it on that card and
/// sample (ignoring saved state); `HOOKCRAFT_WORKSPACE` and `HOOKCRAFT_SECRETS` override the
/// workspace folder and the secrets file.
pub fn run_app() -> eframe::Result {
    run_app_with(Demo::from_env())
}

/// Like [`run_app`] with an explicit demo (`hookcraft --demo segment payment.succeeded`).
pub fn run_app_with(demo: Option<Demo>) -> eframe::Result {
    let started = std::time::Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("hookcraft")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let restored = if demo.is_some() {
                None
            } else {
                cc.storage
                    .and_then(|s| eframe::get_value::<AppState>(s, eframe::APP_KEY))
            };
            let workspace_dir = std::env::var_os("HOOKCRAFT_WORKSPACE")
                .map(PathBuf::from)
                .or_else(|| Workspace::default_path().ok())
                .unwrap_or_else(|| PathBuf::from("hookcraft-workspace"));
            let secrets_path = std::env::var_os("HOOKCRAFT_SECRETS")
                .map(PathBuf::from)
                .or_else(|| SecretStore::default_path().ok())
                .unwrap_or_else(|| PathBuf::from("hookcraft-secrets.json"));
            let app = HookcraftApp::new(
                Engine::from_current_exe(),
                workspace_dir,
                secrets_path,
                restored,
            );
            let app = match &demo {
                Some(demo) => app.with_demo(demo),
                None => app,
            };
            Ok(Box::new(WindowApp {
                app,
                probe: StartupProbe::from_env(started),
            }))
        }),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    #[test]
    fn payload_files_are_read_as_text_with_a_size_cap() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("customer payload");
        std::fs::write(&ok, "{\"type\": \"payment.succeeded\"}").unwrap();
        assert_eq!(
            read_payload_file(&ok).unwrap(),
            "{\"type\": \"payment.succeeded\"}"
        );

        let binary = dir.path().join("binary.json");
        std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
        assert!(read_payload_file(&binary).unwrap_err().contains("UTF-8"));

        let big = dir.path().join("big.json");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(PAYLOAD_FILE_MAX_BYTES + 1).unwrap();
        assert!(read_payload_file(&big).unwrap_err().contains("not loaded"));

        let missing = dir.path().join("missing.json");
        assert!(read_payload_file(&missing).is_err());
    }
}
