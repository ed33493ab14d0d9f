//! Runs one transformation in a fresh boa `Context` on the current thread.
//!
//! This is the inner half of the engine: it enforces the contract and normalises the output,
//! but it cannot stop a runaway script or cap memory. The worker process calls it; callers
//! use [`super::Engine`].

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::time::Instant;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::builtins::JsPromise;
use boa_engine::parser::Parser;
use boa_engine::{Context, JsError, JsValue, Source, js_string};
use boa_gc::{Finalize, Trace};
use boa_runtime::{ConsoleState, Logger};

use super::{
    CODE_LENGTH_MAX, CODE_LENGTH_MIN, ConsoleLevel, ConsoleLine, EngineError, ErrorKind, Output,
    REPEATABLE_NOW_MS, REPEATABLE_RANDOM_SEED, RunReport, RunRequest,
};

/// The name the user's script is compiled under; stack frames carry it.
const SCRIPT_NAME: &str = "transform.js";

/// The longest URL the Svix API accepts.
const URL_MAX_CHARS: usize = 65_536;

/// Deepest output body accepted (serde_json's own limit when parsing it back).
const OUTPUT_MAX_DEPTH: usize = 128;

/// Defines the output normaliser before user code runs, so the script cannot replace the
/// `JSON.stringify` it uses. Evaluates to the normaliser function.
const NORMALISE_JS: &str = include_str!("normalise.js");

/// Fixes `Date` and `Math.random` for repeatable runs. `%NOW%` and `%SEED%` are replaced.
const REPEATABLE_JS: &str = include_str!("repeatable.js");

/// Runs `req` to completion on this thread. Trusted code only: see the module docs.
pub fn run_in_process(req: &RunRequest) -> RunReport {
    let started = Instant::now();
    let console = Rc::new(RefCell::new(ConsoleBuffer::new(
        req.options.max_console_lines,
        req.options.max_console_bytes,
    )));
    let result = run(req, &console);
    let console = console.borrow_mut().take();
    RunReport {
        result,
        console,
        duration: started.elapsed(),
    }
}

fn run(req: &RunRequest, console: &Rc<RefCell<ConsoleBuffer>>) -> Result<Output, EngineError> {
    let chars = req.code.chars().count();
    if !(CODE_LENGTH_MIN..=CODE_LENGTH_MAX).contains(&chars) {
        return Err(EngineError::new(
            ErrorKind::CodeLength,
            format!(
                "the code is {chars} characters long; the dashboard accepts {CODE_LENGTH_MIN} to {CODE_LENGTH_MAX}"
            ),
        ));
    }
    check_syntax(&req.code)?;

    let mut ctx = Context::default();
    let logger = CapturingLogger {
        buffer: Rc::clone(console),
    };
    boa_runtime::register(
        boa_runtime::extensions::ConsoleExtension(logger),
        None,
        &mut ctx,
    )
    .map_err(|e| internal("registering the runtime", &e))?;

    let normalise = ctx
        .eval(Source::from_bytes(NORMALISE_JS))
        .map_err(|e| internal("loading the output normaliser", &e))?;
    if req.options.repeatable {
        let prelude = REPEATABLE_JS
            .replace("%NOW%", &REPEATABLE_NOW_MS.to_string())
            .replace("%SEED%", &REPEATABLE_RANDOM_SEED.to_string());
        ctx.eval(Source::from_bytes(prelude.as_bytes()))
            .map_err(|e| internal("loading repeatable mode", &e))?;
    }

    let source = Source::from_bytes(req.code.as_bytes()).with_path(Path::new(SCRIPT_NAME));
    ctx.eval(source)
        .map_err(|e| exception(&e, &mut ctx, "while loading the script"))?;
    run_pending_jobs(&mut ctx)?;

    let handler = ctx
        .global_object()
        .get(js_string!("handler"), &mut ctx)
        .map_err(|e| exception(&e, &mut ctx, ""))?;
    let Some(handler) = handler.as_callable() else {
        return Err(EngineError::new(
            ErrorKind::NoOutput,
            "the script defines no function named `handler`; write `function handler(webhook) { … return webhook; }`",
        ));
    };

    let input = JsValue::from_json(
        &serde_json::to_value(&req.input).map_err(|e| internal("encoding the input", &e))?,
        &mut ctx,
    )
    .map_err(|e| internal("building the input", &e))?;
    let returned = handler
        .call(&JsValue::undefined(), &[input], &mut ctx)
        .map_err(|e| exception(&e, &mut ctx, ""))?;
    let returned = settle(returned, &mut ctx)?;

    let normalise = normalise
        .as_callable()
        .ok_or_else(|| EngineError::new(ErrorKind::InvalidOutput, "internal: no normaliser"))?;
    let normalised = normalise
        .call(&JsValue::undefined(), &[returned], &mut ctx)
        .map_err(|e| exception(&e, &mut ctx, "while serialising the output"))?;
    output_from_normalised(&normalised, &mut ctx, req.options.max_output_bytes)
}

/// Parses first so syntax errors carry a line and column (evaluation loses them).
fn check_syntax(code: &str) -> Result<(), EngineError> {
    let mut interner = boa_engine::interner::Interner::default();
    let scope = boa_engine::ast::scope::Scope::new_global();
    let mut parser = Parser::new(Source::from_bytes(code.as_bytes()));
    match parser.parse_script(&scope, &mut interner) {
        Ok(_) => Ok(()),
        Err(err) => {
            let text = err.to_string();
            let (message, position) = split_position(&text);
            let mut error = EngineError::new(ErrorKind::Syntax, message);
            if let Some((line, column)) = position {
                error = error.at(line, column);
            }
            Err(error)
        }
    }
}

/// Splits boa's "… at line 3, col 7" suffix off a parser message.
fn split_position(text: &str) -> (String, Option<(u32, u32)>) {
    if let Some(at) = text.rfind(" at line ") {
        let tail = &text[at + " at line ".len()..];
        let mut parts = tail.split(", col ");
        let line = parts.next().and_then(|l| l.trim().parse().ok());
        let column = parts.next().and_then(|c| {
            c.trim()
                .trim_end_matches(|ch: char| !ch.is_ascii_digit())
                .parse()
                .ok()
        });
        if let (Some(line), Some(column)) = (line, column) {
            return (text[..at].to_owned(), Some((line, column)));
        }
    }
    (text.to_owned(), None)
}

/// Runs queued promise jobs and timers; a failing job is an exception.
fn run_pending_jobs(ctx: &mut Context) -> Result<(), EngineError> {
    ctx.run_jobs()
        .map_err(|e| exception(&e, ctx, "in a timer or promise callback"))
}

/// Awaits `value` when `handler` is `async` or returned a promise.
fn settle(value: JsValue, ctx: &mut Context) -> Result<JsValue, EngineError> {
    let Some(object) = value.as_object() else {
        run_pending_jobs(ctx)?;
        return Ok(value);
    };
    let Ok(promise) = JsPromise::from_object(object.clone()) else {
        run_pending_jobs(ctx)?;
        return Ok(value);
    };
    run_pending_jobs(ctx)?;
    match promise.state() {
        PromiseState::Fulfilled(v) => Ok(v),
        PromiseState::Rejected(reason) => {
            let err = JsError::from_opaque(reason);
            Err(exception(&err, ctx, ""))
        }
        PromiseState::Pending => Err(EngineError::new(
            ErrorKind::NoOutput,
            "the promise returned by `handler` never settled (nothing left to wait for)",
        )),
    }
}

/// Reads the normaliser's answer: `{error, kind}` or `{method, url, headers, cancel, body}`.
fn output_from_normalised(
    value: &JsValue,
    ctx: &mut Context,
    max_output_bytes: usize,
) -> Result<Output, EngineError> {
    let json = value
        .to_json(ctx)
        .map_err(|e| internal("reading the output", &e))?
        .unwrap_or_default();
    if let Some(kind) = json.get("kind").and_then(serde_json::Value::as_str) {
        let kind = match kind {
            "no_output" => ErrorKind::NoOutput,
            _ => ErrorKind::InvalidOutput,
        };
        let message = json
            .get("message")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("invalid output");
        return Err(EngineError::new(kind, message));
    }
    let field = |name: &str| json.get(name).and_then(serde_json::Value::as_str);
    let method = field("method").unwrap_or("POST").to_owned();
    let url = field("url").unwrap_or_default().to_owned();
    check_url(&url)?;
    let body = field("body").unwrap_or("null");
    if body.len() > max_output_bytes {
        return Err(EngineError::new(
            ErrorKind::Memory,
            format!(
                "the output body is {} bytes; the limit is {} bytes",
                body.len(),
                max_output_bytes
            ),
        ));
    }
    let payload: serde_json::Value = serde_json::from_str(body).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            EngineError::new(
                ErrorKind::Memory,
                format!("the output body nests deeper than {OUTPUT_MAX_DEPTH} levels"),
            )
        } else {
            EngineError::new(
                ErrorKind::InvalidOutput,
                format!("the output body is not valid JSON: {e}"),
            )
        }
    })?;
    let headers = json
        .get("headers")
        .and_then(serde_json::Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let cancel = json
        .get("cancel")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    Ok(Output {
        method,
        url,
        headers,
        payload,
        cancel,
    })
}

/// The URL must be an absolute `http(s)` URL the API would accept.
fn check_url(url: &str) -> Result<(), EngineError> {
    let invalid = |why: String| EngineError::new(ErrorKind::InvalidOutput, why);
    if url.chars().count() > URL_MAX_CHARS {
        return Err(invalid(format!(
            "`url` is longer than {URL_MAX_CHARS} characters"
        )));
    }
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| invalid(format!("`url` is not a valid URL ({e}): {url}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "`url` must start with http:// or https://: {url}"
        )));
    }
    if parsed.host_str().unwrap_or_default().is_empty() {
        return Err(invalid(format!("`url` has no host: {url}")));
    }
    Ok(())
}

/// An unexpected failure of the engine itself, reported rather than panicking.
fn internal(what: &str, err: &dyn std::fmt::Display) -> EngineError {
    EngineError::new(
        ErrorKind::Exception,
        format!("internal error {what}: {err}"),
    )
}

/// Turns a thrown value into an exception error with the position in the user's script.
fn exception(err: &JsError, ctx: &mut Context, when: &str) -> EngineError {
    let display = err.to_string();
    if display.starts_with("RuntimeLimitError") {
        // Recursion or stack limits: the run ran out of (stack) memory.
        let message = display.lines().next().unwrap_or_default().to_owned();
        return EngineError::new(ErrorKind::Memory, format!("{message} (too deep recursion)"));
    }
    let mut message = match err.try_native(ctx) {
        Ok(native) => format!("{}: {}", native.kind(), native.message()),
        Err(_) => err
            .as_opaque()
            .map(|v| describe_thrown(v, ctx))
            .unwrap_or_else(|| display.lines().next().unwrap_or_default().to_owned()),
    };
    if !when.is_empty() {
        message = format!("{message} ({when})");
    }
    let stack = stack_of(err, ctx).unwrap_or_else(|| display.clone());
    let mut error = EngineError::new(ErrorKind::Exception, message);
    if let Some((line, column)) = first_script_position(&stack) {
        error = error.at(line, column);
    }
    error.stack = Some(stack).filter(|s| s.contains(SCRIPT_NAME));
    error
}

/// How a thrown non-Error value reads: `throw "x"` gives `Uncaught "x"`-style text.
fn describe_thrown(value: &JsValue, ctx: &mut Context) -> String {
    if let Some(object) = value.as_object() {
        let name = object
            .get(js_string!("name"), ctx)
            .ok()
            .filter(|v| !v.is_undefined())
            .map(|v| v.display().to_string());
        let message = object
            .get(js_string!("message"), ctx)
            .ok()
            .filter(|v| !v.is_undefined())
            .map(|v| v.display().to_string());
        if let Some(message) = message {
            return match name {
                Some(name) => format!("{}: {message}", name.trim_matches('"')),
                None => message,
            };
        }
    }
    format!("Uncaught {}", value.display())
}

/// The thrown object's `stack` property, or the error's own backtrace text.
fn stack_of(err: &JsError, ctx: &mut Context) -> Option<String> {
    let value = err.clone().into_opaque(ctx).ok()?;
    let object = value.as_object()?;
    let stack = object.get(js_string!("stack"), ctx).ok()?;
    stack.as_string().map(|s| s.to_std_string_escaped())
}

/// The first `transform.js:LINE:COL` in a stack or message.
fn first_script_position(text: &str) -> Option<(u32, u32)> {
    let needle = format!("{SCRIPT_NAME}:");
    let mut rest = text;
    while let Some(at) = rest.find(&needle) {
        let tail = &rest[at + needle.len()..];
        let mut nums = tail.split(|c: char| !c.is_ascii_digit());
        let line = nums.next().and_then(|n| n.parse().ok());
        let column = nums.next().and_then(|n| n.parse().ok());
        if let (Some(line), Some(column)) = (line, column) {
            return Some((line, column));
        }
        rest = tail;
    }
    None
}

/// Console lines of one run, capped by count and bytes.
#[derive(Debug)]
struct ConsoleBuffer {
    lines: Vec<ConsoleLine>,
    bytes: usize,
    max_lines: usize,
    max_bytes: usize,
    truncated: bool,
}

impl ConsoleBuffer {
    fn new(max_lines: usize, max_bytes: usize) -> Self {
        Self {
            lines: Vec::new(),
            bytes: 0,
            max_lines,
            max_bytes,
            truncated: false,
        }
    }

    fn push(&mut self, level: ConsoleLevel, message: String) {
        if self.truncated {
            return;
        }
        if self.lines.len() >= self.max_lines || self.bytes + message.len() > self.max_bytes {
            self.truncated = true;
            self.lines.push(ConsoleLine {
                level: ConsoleLevel::Log,
                message: format!(
                    "… console output truncated (limit {} lines or {} KB)",
                    self.max_lines,
                    self.max_bytes / 1024
                ),
            });
            return;
        }
        self.bytes += message.len();
        self.lines.push(ConsoleLine { level, message });
    }

    fn take(&mut self) -> Vec<ConsoleLine> {
        std::mem::take(&mut self.lines)
    }
}

/// A `console` logger that keeps lines instead of printing them.
#[derive(Debug, Trace, Finalize)]
struct CapturingLogger {
    #[unsafe_ignore_trace]
    buffer: Rc<RefCell<ConsoleBuffer>>,
}

impl CapturingLogger {
    fn push(&self, level: ConsoleLevel, msg: String, state: &ConsoleState) {
        let indent = "  ".repeat(state.indent());
        self.buffer
            .borrow_mut()
            .push(level, format!("{indent}{msg}"));
    }
}

impl Logger for CapturingLogger {
    fn log(&self, msg: String, state: &ConsoleState, _: &mut Context) -> boa_engine::JsResult<()> {
        self.push(ConsoleLevel::Log, msg, state);
        Ok(())
    }

    fn info(&self, msg: String, state: &ConsoleState, _: &mut Context) -> boa_engine::JsResult<()> {
        self.push(ConsoleLevel::Info, msg, state);
        Ok(())
    }

    fn warn(&self, msg: String, state: &ConsoleState, _: &mut Context) -> boa_engine::JsResult<()> {
        self.push(ConsoleLevel::Warn, msg, state);
        Ok(())
    }

    fn error(
        &self,
        msg: String,
        state: &ConsoleState,
        _: &mut Context,
    ) -> boa_engine::JsResult<()> {
        self.push(ConsoleLevel::Error, msg, state);
        Ok(())
    }

    fn debug(
        &self,
        msg: String,
        state: &ConsoleState,
        _: &mut Context,
    ) -> boa_engine::JsResult<()> {
        self.push(ConsoleLevel::Debug, msg, state);
        Ok(())
    }

    fn trace(
        &self,
        msg: String,
        state: &ConsoleState,
        _: &mut Context,
    ) -> boa_engine::JsResult<()> {
        self.push(ConsoleLevel::Debug, msg, state);
        Ok(())
    }
}
