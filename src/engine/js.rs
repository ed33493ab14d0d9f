//! Runs one transformation in a fresh boa `Context` on the current thread.
//!
//! This is the inner half of the engine: it enforces the contract and normalises the output,
//! but it cannot stop a runaway script or cap memory. The worker process calls it; callers
//! use [`super::Engine`].

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::rc::Rc;
use std::time::Instant;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsValue, NativeFunction, Script, Source, js_string,
};
use boa_gc::{Finalize, Trace};
use boa_runtime::{ConsoleState, Logger};

use super::{
    CODE_LENGTH_MAX, CODE_LENGTH_MIN, ConsoleLevel, ConsoleLine, EngineError, ErrorKind, Output,
    REPEATABLE_NOW_MS, REPEATABLE_RANDOM_SEED, RunReport, RunRequest,
};

/// The name the user's script is compiled under; stack frames carry it.
const SCRIPT_NAME: &str = "transform.js";

/// The methods the delivery API accepts.
const METHODS: [&str; 3] = ["POST", "PUT", "PATCH"];

/// The longest URL the Svix API accepts.
const URL_MAX_CHARS: usize = 65_536;

/// Deepest output body accepted (serde_json's own limit when parsing it back).
const OUTPUT_MAX_DEPTH: usize = 128;

/// Fixes `Date` and `Math.random` for repeatable runs. `%NOW%` and `%SEED%` are replaced.
const REPEATABLE_JS: &str = include_str!("repeatable.js");

/// A fresh `Context` with the runtime registered, ready for one run. The worker makes the
/// next one while it waits for the next request, so a run does not pay for it; it is still
/// never used for more than one run.
pub(crate) struct Prepared {
    ctx: Context,
    console: Rc<RefCell<ConsoleBuffer>>,
    /// `JSON.stringify` as the realm defined it, kept before user code runs so a script
    /// cannot replace the serialiser.
    stringify: JsObject,
}

impl Prepared {
    /// Creates the context and registers `console`, timers, `atob`/`btoa`, `URL` and friends.
    pub(crate) fn new() -> Result<Self, EngineError> {
        let mut ctx = Context::default();
        let console = Rc::new(RefCell::new(ConsoleBuffer::new(0, 0)));
        let logger = CapturingLogger {
            buffer: Rc::clone(&console),
        };
        boa_runtime::register(
            boa_runtime::extensions::ConsoleExtension(logger),
            None,
            &mut ctx,
        )
        .map_err(|e| internal("registering the runtime", &e))?;
        let stringify = captured_stringify(&mut ctx)?;
        Ok(Self {
            ctx,
            console,
            stringify,
        })
    }
}

/// Stack of the thread a run uses: boa recurses natively in places (`JSON.stringify` of a
/// deeply nested object, debug builds' large frames), and a default 2 MiB test thread is
/// not enough.
pub(crate) const RUN_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Runs `req` to completion in this process, on a thread of its own with a large stack.
/// Trusted code only: see the module docs.
pub fn run_in_process(req: &RunRequest) -> RunReport {
    let started = Instant::now();
    let failed = |error: EngineError| RunReport {
        result: Err(error),
        console: Vec::new(),
        duration: started.elapsed(),
    };
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("engine-run".to_owned())
            .stack_size(RUN_STACK_BYTES)
            .spawn_scoped(scope, || match Prepared::new() {
                Ok(mut prepared) => run_prepared(&mut prepared, req, started),
                Err(error) => failed(error),
            });
        match thread.map(std::thread::ScopedJoinHandle::join) {
            Ok(Ok(report)) => report,
            Ok(Err(_)) => failed(EngineError::new(
                ErrorKind::Exception,
                "internal error: the engine thread panicked",
            )),
            Err(e) => failed(internal("starting the engine thread", &e)),
        }
    })
}

/// Runs `req` in `prepared`. `started` is when the request arrived. A `Prepared` serves one
/// run only: drop it afterwards (the worker does so after answering, as dropping a
/// `Context` takes a while).
pub(crate) fn run_prepared(
    prepared: &mut Prepared,
    req: &RunRequest,
    started: Instant,
) -> RunReport {
    prepared
        .console
        .borrow_mut()
        .set_limits(req.options.max_console_lines, req.options.max_console_bytes);
    let result = run(req, &mut prepared.ctx, &prepared.stringify);
    let console = prepared.console.borrow_mut().take();
    RunReport {
        result,
        console,
        duration: started.elapsed(),
    }
}

fn run(req: &RunRequest, ctx: &mut Context, stringify: &JsObject) -> Result<Output, EngineError> {
    let chars = req.code.chars().count();
    if !(CODE_LENGTH_MIN..=CODE_LENGTH_MAX).contains(&chars) {
        return Err(EngineError::new(
            ErrorKind::CodeLength,
            format!(
                "the code is {chars} characters long; the dashboard accepts {CODE_LENGTH_MIN} to {CODE_LENGTH_MAX}"
            ),
        ));
    }

    if req.options.repeatable {
        let prelude = REPEATABLE_JS
            .replace("%NOW%", &REPEATABLE_NOW_MS.to_string())
            .replace("%SEED%", &REPEATABLE_RANDOM_SEED.to_string());
        ctx.eval(Source::from_bytes(prelude.as_bytes()))
            .map_err(|e| internal("loading repeatable mode", &e))?;
    }

    let source = Source::from_bytes(req.code.as_bytes()).with_path(Path::new(SCRIPT_NAME));
    let script = Script::parse(source, None, ctx).map_err(|e| syntax_error(&e))?;
    script
        .evaluate(ctx)
        .map_err(|e| exception(&e, ctx, "while loading the script"))?;
    run_pending_jobs(ctx)?;

    let handler = ctx
        .global_object()
        .get(js_string!("handler"), ctx)
        .map_err(|e| exception(&e, ctx, ""))?;
    let Some(handler) = handler.as_callable() else {
        return Err(EngineError::new(
            ErrorKind::NoOutput,
            "the script defines no function named `handler`; write `function handler(webhook) { … return webhook; }`",
        ));
    };

    let input = input_object(&req.input, ctx)?;
    let returned = handler
        .call(&JsValue::undefined(), &[input], ctx)
        .map_err(|e| exception(&e, ctx, ""))?;
    let returned = settle(returned, ctx)?;

    normalise(&returned, stringify, ctx, req.options.max_output_bytes)
}

/// A parse failure as a syntax error with the line and column boa's parser reports.
fn syntax_error(err: &JsError) -> EngineError {
    let text = err
        .as_native()
        .map_or_else(|| err.to_string(), |native| native.message().to_owned());
    let (message, position) = split_position(&text);
    let mut error = EngineError::new(ErrorKind::Syntax, message);
    if let Some((line, column)) = position {
        error = error.at(line, column);
    }
    error
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

/// The `webhook` argument as a JS object (`payload` converted straight from the JSON value).
fn input_object(input: &super::WebhookInput, ctx: &mut Context) -> Result<JsValue, EngineError> {
    let payload = JsValue::from_json(&input.payload, ctx)
        .map_err(|e| internal("building the payload", &e))?;
    let env = JsObject::with_object_proto(ctx.intrinsics());
    for (name, value) in &input.env {
        env.set(
            js_string!(name.as_str()),
            js_string!(value.as_str()),
            false,
            ctx,
        )
        .map_err(|e| internal("building env", &e))?;
    }
    let webhook = JsObject::with_object_proto(ctx.intrinsics());
    let fields: [(&str, JsValue); 5] = [
        ("method", js_string!(input.method.as_str()).into()),
        ("url", js_string!(input.url.as_str()).into()),
        ("payload", payload),
        ("eventType", js_string!(input.event_type.as_str()).into()),
        ("env", env.into()),
    ];
    for (name, value) in fields {
        webhook
            .set(js_string!(name), value, false, ctx)
            .map_err(|e| internal("building the input", &e))?;
    }
    Ok(webhook.into())
}

/// `JSON.stringify` as the realm defined it.
fn captured_stringify(ctx: &mut Context) -> Result<JsObject, EngineError> {
    let json = ctx
        .global_object()
        .get(js_string!("JSON"), ctx)
        .map_err(|e| internal("finding JSON", &e))?;
    json.as_object()
        .and_then(|json| json.get(js_string!("stringify"), ctx).ok())
        .and_then(|f| f.as_callable())
        .ok_or_else(|| EngineError::new(ErrorKind::Exception, "internal error: no JSON.stringify"))
}

/// How a JS value reads in an error message.
fn describe(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.as_object().is_some_and(|o| o.is_array()) {
        "an array"
    } else if value.is_callable() {
        "a function"
    } else {
        match value.type_of() {
            "string" => "a string",
            "number" => "a number",
            "boolean" => "a boolean",
            "bigint" => "a BigInt",
            "symbol" => "a symbol",
            "undefined" => "undefined",
            _ => "an object",
        }
    }
}

/// `JSON.stringify` replacer that refuses what JSON cannot carry (V8 would silently drop a
/// function; the dashboard's contract says the payload must be JSON).
fn refuse_non_json(
    _: &JsValue,
    args: &[JsValue],
    _: &mut Context,
) -> boa_engine::JsResult<JsValue> {
    let key = args.first().cloned().unwrap_or_default();
    let value = args.get(1).cloned().unwrap_or_default();
    let what = if value.is_callable() {
        "a function"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_bigint() {
        "a BigInt"
    } else {
        return Ok(value);
    };
    let key = key
        .as_string()
        .map(|k| k.to_std_string_escaped())
        .unwrap_or_default();
    let place = if key.is_empty() {
        "`payload`".to_owned()
    } else {
        format!("`payload` key \"{key}\"")
    };
    Err(JsNativeError::typ()
        .with_message(format!(
            "{NOT_JSON_MARK}{place} is {what}, which JSON cannot carry"
        ))
        .into())
}

/// Prefixes the replacer's own errors so they are told apart from the script's.
const NOT_JSON_MARK: &str = "hookcraft-not-json: ";

/// Checks what `handler` returned and turns it into an [`Output`].
fn normalise(
    out: &JsValue,
    stringify: &JsObject,
    ctx: &mut Context,
    max_output_bytes: usize,
) -> Result<Output, EngineError> {
    let invalid = |message: String| EngineError::new(ErrorKind::InvalidOutput, message);
    if out.is_undefined() {
        return Err(EngineError::new(
            ErrorKind::NoOutput,
            "`handler` returned undefined; it must end with `return webhook;`",
        ));
    }
    let Some(object) = out
        .as_object()
        .filter(|o| !o.is_array() && !o.is_callable())
    else {
        return Err(invalid(format!(
            "`handler` must return the webhook object, but returned {}",
            describe(out)
        )));
    };
    let get = |name: &'static str, ctx: &mut Context| {
        object
            .get(js_string!(name), ctx)
            .map_err(|e| exception(&e, ctx, "while reading the output"))
    };

    let method = get("method", ctx)?;
    let method = if method.is_undefined() {
        "POST".to_owned()
    } else if let Some(method) = method.as_string() {
        method.to_std_string_escaped()
    } else {
        return Err(invalid(format!(
            "`method` must be a string, got {}",
            describe(&method)
        )));
    };
    if !METHODS.contains(&method.as_str()) {
        return Err(invalid(format!(
            "`method` is \"{method}\"; allowed values are POST, PUT and PATCH"
        )));
    }

    let url = get("url", ctx)?;
    let Some(url) = url.as_string().map(|u| u.to_std_string_escaped()) else {
        return Err(invalid(format!(
            "`url` must be a string, got {}",
            describe(&url)
        )));
    };
    check_url(&url)?;

    let headers_value = get("headers", ctx)?;
    let mut headers = BTreeMap::new();
    if !headers_value.is_null_or_undefined() {
        if headers_value
            .as_object()
            .is_none_or(|o| o.is_array() || o.is_callable())
        {
            return Err(invalid(format!(
                "`headers` must be an object of strings, got {}",
                describe(&headers_value)
            )));
        }
        let text = call_stringify(stringify, &headers_value, None, ctx)?;
        let parsed: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).unwrap_or_default();
        for (name, value) in parsed {
            let Some(value) = value.as_str() else {
                return Err(invalid(format!(
                    "`headers.{name}` must be a string, got {value}"
                )));
            };
            headers.insert(name, value.to_owned());
        }
    }

    let cancel = get("cancel", ctx)?;
    let cancel = if cancel.is_undefined() {
        false
    } else if let Some(cancel) = cancel.as_boolean() {
        cancel
    } else {
        return Err(invalid(format!(
            "`cancel` must be true or false, got {}",
            describe(&cancel)
        )));
    };

    let payload = get("payload", ctx)?;
    if payload.is_undefined() {
        return Err(invalid(
            "`payload` is undefined; set it to the body to send".to_owned(),
        ));
    }
    let replacer =
        FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(refuse_non_json))
            .build();
    let body = call_stringify(stringify, &payload, Some(replacer.into()), ctx)?;
    if body.len() > max_output_bytes {
        return Err(EngineError::new(
            ErrorKind::Memory,
            format!(
                "the output body is {} bytes; the limit is {max_output_bytes} bytes",
                body.len()
            ),
        ));
    }
    let payload: serde_json::Value = serde_json::from_str(&body).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            EngineError::new(
                ErrorKind::Memory,
                format!("the output body nests deeper than {OUTPUT_MAX_DEPTH} levels"),
            )
        } else {
            invalid(format!("the output body is not valid JSON: {e}"))
        }
    })?;
    Ok(Output {
        method,
        url,
        headers,
        payload,
        cancel,
    })
}

/// Calls the captured `JSON.stringify`; failures are `invalid_output`.
fn call_stringify(
    stringify: &JsObject,
    value: &JsValue,
    replacer: Option<JsValue>,
    ctx: &mut Context,
) -> Result<String, EngineError> {
    let args = [value.clone(), replacer.unwrap_or_default()];
    let result = stringify.call(&JsValue::undefined(), &args, ctx);
    match result {
        Ok(text) => text
            .as_string()
            .map(|t| t.to_std_string_escaped())
            .ok_or_else(|| {
                EngineError::new(
                    ErrorKind::InvalidOutput,
                    format!(
                        "`payload` cannot be serialised to JSON (it is {})",
                        describe(value)
                    ),
                )
            }),
        Err(e) => {
            let message = e
                .as_native()
                .map_or_else(|| e.to_string(), |n| n.message().to_owned());
            let message = match message.strip_prefix(NOT_JSON_MARK) {
                Some(ours) => ours.to_owned(),
                None if message.contains("cyclic") || message.contains("circular") => format!(
                    "`payload` refers to itself (a cycle), which JSON cannot carry: {message}"
                ),
                None => format!("`payload` cannot be serialised to JSON: {message}"),
            };
            Err(EngineError::new(ErrorKind::InvalidOutput, message))
        }
    }
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

    fn set_limits(&mut self, max_lines: usize, max_bytes: usize) {
        self.max_lines = max_lines;
        self.max_bytes = max_bytes;
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
