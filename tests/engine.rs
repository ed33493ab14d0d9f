//! The engine through its worker sandbox: the contract, every error kind, runaway scripts.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use hookcraft::engine::{
    ConsoleLevel, Engine, ErrorKind, RunOptions, RunReport, RunRequest, WebhookInput,
};
use serde_json::json;

fn engine() -> Engine {
    Engine::new(env!("CARGO_BIN_EXE_hookcraft").into())
}

fn payment() -> serde_json::Value {
    json!({
        "business_id": "bus_P3SXLcppjXgagmHSVaH3N",
        "type": "payment.succeeded",
        "timestamp": "2026-03-14T09:26:53.589Z",
        "data": {
            "payload_type": "Payment",
            "payment_id": "pay_gUHcgg81JkW1sbH0zbykQ",
            "total_amount": 4900,
            "currency": "USD",
            "customer": {"customer_id": "cus_8VbC6JDZzPEqfBPUdpj0K", "email": "ada@example.com", "name": "Ada Lovelace"}
        }
    })
}

fn run_with(engine: &Engine, code: &str, options: RunOptions) -> RunReport {
    engine.run(&RunRequest {
        code: code.to_owned(),
        input: WebhookInput::new(payment()),
        options,
    })
}

fn run(code: &str) -> RunReport {
    run_with(&engine(), code, RunOptions::default())
}

fn kind(report: &RunReport) -> Option<ErrorKind> {
    report.error().map(|e| e.kind)
}

#[test]
fn pass_through_keeps_the_envelope_and_defaults() {
    let report = run("function handler(webhook) { return webhook; }");
    let output = report.output().expect("output");
    assert_eq!(output.method, "POST");
    assert_eq!(output.url, "https://webhook.example.com");
    assert_eq!(output.payload, payment());
    assert!(!output.cancel);
    assert!(output.headers.is_empty());
    // Key order is the envelope's insertion order, as V8 would serialise it.
    assert!(
        output.body().starts_with(
            r#"{"business_id":"bus_P3SXLcppjXgagmHSVaH3N","type":"payment.succeeded""#
        )
    );
}

#[test]
fn input_carries_event_type_env_and_url() {
    let engine = engine();
    let mut env = BTreeMap::new();
    env.insert("REGION".to_owned(), "eu".to_owned());
    let report = engine.run(&RunRequest {
        code: "function handler(w) { w.payload = {t: w.eventType, r: w.env.REGION, u: w.url, m: w.method}; w.eventType = 'x'; return w; }".to_owned(),
        input: WebhookInput::new(payment()).with_url("https://example.org/hook").with_env(env),
        options: RunOptions::default(),
    });
    let output = report.output().expect("output");
    assert_eq!(
        output.payload,
        json!({"t": "payment.succeeded", "r": "eu", "u": "https://example.org/hook", "m": "POST"})
    );
    assert_eq!(output.url, "https://example.org/hook");
}

#[test]
fn method_url_headers_cancel_are_normalised() {
    let report = run(
        "function handler(w) { w.method = 'PUT'; w.url = 'https://api.example.com/x'; w.headers = {'X-Key': 'k1'}; w.cancel = false; return w; }",
    );
    let output = report.output().expect("output");
    assert_eq!(output.method, "PUT");
    assert_eq!(output.url, "https://api.example.com/x");
    assert_eq!(output.headers.get("X-Key").map(String::as_str), Some("k1"));

    let patch = run("function handler(w) { w.method = 'PATCH'; return w; }");
    assert_eq!(patch.output().expect("output").method, "PATCH");

    let cancelled = run("function handler(w) { w.cancel = true; return w; }");
    assert!(cancelled.output().expect("output").cancel);
}

#[test]
fn async_handler_with_timers_is_awaited() {
    let report = run(
        "async function handler(w) { await new Promise(r => setTimeout(r, 5)); w.payload = {late: true}; return w; }",
    );
    assert_eq!(
        report.output().expect("output").payload,
        json!({"late": true})
    );
}

#[test]
fn rejected_promise_is_an_exception() {
    let report = run("async function handler(w) { throw new Error('nope'); }");
    let error = report.error().expect("error");
    assert_eq!(error.kind, ErrorKind::Exception);
    assert!(error.message.contains("nope"), "{}", error.message);
}

#[test]
fn console_is_captured_in_order_with_levels() {
    let report = run(
        "function handler(w) { console.log('a', 1); console.info('b'); console.warn('c'); console.error('d'); console.debug('e'); return w; }",
    );
    let levels: Vec<_> = report.console.iter().map(|l| l.level).collect();
    assert_eq!(
        levels,
        [
            ConsoleLevel::Log,
            ConsoleLevel::Info,
            ConsoleLevel::Warn,
            ConsoleLevel::Error,
            ConsoleLevel::Debug
        ]
    );
    assert_eq!(report.console[0].message, "a 1");
}

#[test]
fn console_is_capped_with_a_marker() {
    let report = run(
        "function handler(w) { for (let i = 0; i < 5000; i++) console.log('line ' + i); return w; }",
    );
    assert!(report.result.is_ok());
    assert_eq!(report.console.len(), 1001);
    assert!(
        report
            .console
            .last()
            .expect("marker")
            .message
            .contains("truncated")
    );
}

#[test]
fn console_survives_a_failed_run() {
    let report = run("function handler(w) { console.log('before'); throw new TypeError('bad'); }");
    assert_eq!(kind(&report), Some(ErrorKind::Exception));
    assert_eq!(report.console.len(), 1);
}

#[test]
fn syntax_error_has_line_and_column() {
    let report = run("function handler(webhook) {\n  const x = ;\n  return webhook;\n}\n");
    let error = report.error().expect("error");
    assert_eq!(error.kind, ErrorKind::Syntax);
    assert_eq!(error.line, Some(2));
    assert!(error.column.is_some());
}

#[test]
fn exception_has_message_and_line() {
    let report = run(
        "function handler(webhook) {\n  const c = webhook.payload.data.nothing;\n  return c.email;\n}\n",
    );
    let error = report.error().expect("error");
    assert_eq!(error.kind, ErrorKind::Exception);
    assert!(error.message.starts_with("TypeError"), "{}", error.message);
    assert_eq!(error.line, Some(3), "{error:?}");
}

#[test]
fn thrown_strings_and_objects_are_reported() {
    let report = run("function handler(w) { throw 'plain text'; }");
    let error = report.error().expect("error");
    assert_eq!(error.kind, ErrorKind::Exception);
    assert!(error.message.contains("plain text"), "{}", error.message);
}

#[test]
fn missing_handler_or_undefined_is_no_output() {
    assert_eq!(
        kind(&run("function other(webhook) { return webhook; }")),
        Some(ErrorKind::NoOutput)
    );
    assert_eq!(
        kind(&run("var handler = 42; // not a function")),
        Some(ErrorKind::NoOutput)
    );
    assert_eq!(
        kind(&run("function handler(webhook) { webhook.url = 'x'; }")),
        Some(ErrorKind::NoOutput)
    );
}

#[test]
fn invalid_outputs_are_named() {
    let cases = [
        ("function handler(w) { return false; }", "object"),
        ("function handler(w) { return [w]; }", "array"),
        (
            "function handler(w) { w.method = 'GET'; return w; }",
            "method",
        ),
        (
            "function handler(w) { w.method = 'post'; return w; }",
            "method",
        ),
        (
            "function handler(w) { w.url = 'ftp://x.example'; return w; }",
            "url",
        ),
        (
            "function handler(w) { w.url = 'not a url'; return w; }",
            "url",
        ),
        (
            "function handler(w) { w.headers = {a: 1}; return w; }",
            "headers.a",
        ),
        (
            "function handler(w) { w.cancel = 'yes'; return w; }",
            "cancel",
        ),
        (
            "function handler(w) { const a = {}; a.self = a; w.payload = a; return w; }",
            "payload",
        ),
        (
            "function handler(w) { w.payload = {n: 10n}; return w; }",
            "BigInt",
        ),
        (
            "function handler(w) { w.payload = {f: function () {}}; return w; }",
            "function",
        ),
        (
            "function handler(w) { w.payload = undefined; return w; }",
            "payload",
        ),
    ];
    for (code, needle) in cases {
        let report = run(code);
        let error = report
            .error()
            .unwrap_or_else(|| panic!("no error for {code}"));
        assert_eq!(error.kind, ErrorKind::InvalidOutput, "{code}: {error:?}");
        assert!(error.message.contains(needle), "{code}: {}", error.message);
    }
}

#[test]
fn code_length_bounds() {
    assert_eq!(kind(&run("x=1")), Some(ErrorKind::CodeLength));
    let long = format!(
        "function handler(w) {{ return w; }}\n//{}",
        "x".repeat(51_200)
    );
    assert_eq!(kind(&run(&long)), Some(ErrorKind::CodeLength));
}

#[test]
fn repeatable_mode_fixes_clock_and_random() {
    let code = "function handler(w) { w.payload = {now: Date.now(), iso: new Date().toISOString(), r: Math.random(), y: new Date('2020-05-01T00:00:00Z').getUTCFullYear()}; return w; }";
    let engine = engine();
    let a = run_with(&engine, code, RunOptions::repeatable());
    let b = run_with(&engine, code, RunOptions::repeatable());
    let pa = &a.output().expect("a").payload;
    assert_eq!(pa, &b.output().expect("b").payload);
    assert_eq!(pa["now"], json!(1_767_225_600_000_u64));
    assert_eq!(pa["iso"], json!("2026-01-01T00:00:00.000Z"));
    assert_eq!(pa["y"], json!(2020));
    let real = run_with(&engine, code, RunOptions::default());
    assert_ne!(
        real.output().expect("real").payload["now"],
        json!(1_767_225_600_000_u64)
    );
}

#[test]
fn common_globals_exist() {
    let report = run(
        "function handler(w) { w.headers = {Authorization: 'Basic ' + btoa('key:')}; w.payload = {a: atob(btoa('hi')), u: new URL('https://x.example/p?q=1').hostname, j: JSON.parse('{\"k\":1}').k}; return w; }",
    );
    let output = report.output().expect("output");
    assert_eq!(output.headers["Authorization"], "Basic a2V5Og==");
    assert_eq!(output.payload, json!({"a": "hi", "u": "x.example", "j": 1}));
}

#[test]
fn runs_are_isolated() {
    let engine = engine();
    let first = run_with(
        &engine,
        "globalThis.leak = 'set'; Object.prototype.polluted = 1; function handler(w) { return w; }",
        RunOptions::default(),
    );
    assert!(first.result.is_ok());
    let second = run_with(
        &engine,
        "function handler(w) { w.payload = {leak: typeof leak, polluted: typeof ({}).polluted}; return w; }",
        RunOptions::default(),
    );
    assert_eq!(
        second.output().expect("output").payload,
        json!({"leak": "undefined", "polluted": "undefined"})
    );
}

#[test]
fn script_cannot_replace_the_serialiser() {
    let report = run(
        "JSON.stringify = () => '\"hijacked\"'; function handler(w) { w.payload = {ok: 1}; return w; }",
    );
    assert_eq!(report.output().expect("output").payload, json!({"ok": 1}));
}

fn limits(timeout_ms: u64, memory_mib: usize) -> RunOptions {
    RunOptions {
        timeout: Duration::from_millis(timeout_ms),
        memory_limit_bytes: memory_mib * 1024 * 1024,
        ..RunOptions::default()
    }
}

fn assert_stops(engine: &Engine, code: &str, options: RunOptions, expected: ErrorKind) {
    let started = Instant::now();
    let report = run_with(engine, code, options);
    let error = report
        .error()
        .unwrap_or_else(|| panic!("no error for {code}"));
    assert_eq!(error.kind, expected, "{code}: {error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{code} took {:?}",
        started.elapsed()
    );
    // The engine still works after each one.
    let ok = run_with(
        engine,
        "function handler(w) { return w; }",
        RunOptions::default(),
    );
    assert!(ok.result.is_ok(), "after {code}: {:?}", ok.result);
}

#[test]
fn endless_scripts_time_out_and_the_engine_recovers() {
    let engine = engine();
    for code in [
        "function handler(w) { while (true) {} }",
        "function g(){ for (let i = 0; i < 900000; i++) {} } function handler(w) { while (true) g(); }",
        "function handler(w) { [1].forEach(() => { while (true) {} }); return w; }",
        "function handler(w) { return new Promise(() => { setInterval(() => {}, 1); }); }",
        "while (true) {} function handler(w) { return w; }",
    ] {
        assert_stops(&engine, code, limits(300, 64), ErrorKind::Timeout);
    }
}

#[test]
fn memory_bombs_are_stopped_as_memory_and_the_engine_recovers() {
    let engine = engine();
    for code in [
        "function f() { return f() + 1; } function handler(w) { return f(); }",
        "function handler(w) { w.payload = 'x'.repeat(2 ** 29); return w; }",
        "function handler(w) { const a = []; while (true) a.push('item ' + a.length + 'x'.repeat(100)); }",
        "function handler(w) { let s = 'x'; while (true) s = s + s; }",
        "function handler(w) { const a = []; while (true) a.push({n: a.length}); }",
        "function handler(w) { let o = {}; const root = o; for (let i = 0; i < 10000; i++) { o.c = {}; o = o.c; } w.payload = root; return w; }",
        "function handler(w) { w.payload = {big: 'x'.repeat(5 * 1024 * 1024)}; return w; }",
    ] {
        assert_stops(&engine, code, limits(20_000, 32), ErrorKind::Memory);
    }
}

#[test]
fn parallel_runs_share_the_engine() {
    let engine = engine();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let engine = engine.clone();
            std::thread::spawn(move || {
                let code = format!("function handler(w) {{ w.payload = {{i: {i}}}; return w; }}");
                run_with(&engine, &code, RunOptions::default())
            })
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        let report = handle.join().expect("thread");
        assert_eq!(report.output().expect("output").payload, json!({"i": i}));
    }
}
