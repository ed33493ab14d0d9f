//! `hookcraft bench`: engine speed figures (a benchmark, not a test).
//!
//! Prints p50/p95 of one full run (fresh `Context`, seed-like transform, realistic sample),
//! in-process and through the worker sandbox, the time for one transform over the whole
//! sample library, and, when `node` is on PATH, the same batch done by node as a whole
//! process, with the ratio.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::engine::{Engine, RunOptions, RunRequest, WebhookInput, run_in_process};
use crate::samples::Library;

/// Dodo's Segment `track_payments.js` example, unchanged (the seed tests use the same file).
pub const SEED_LIKE_TRANSFORM: &str =
    include_str!("../../tests/fixtures/seeds/segment_track_payments.js");

/// Arguments of `hookcraft bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Runs measured per figure.
    #[arg(long, default_value_t = 300)]
    pub iterations: usize,
}

/// Runs the benchmark and prints the figures.
pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let library = Library::builtin();
    let sample = library
        .get("payment.succeeded")
        .ok_or_else(|| anyhow::anyhow!("the library has no payment.succeeded sample"))?;
    let request = RunRequest {
        code: SEED_LIKE_TRANSFORM.to_owned(),
        input: WebhookInput::new(sample.payload.clone()),
        options: RunOptions::default(),
    };
    let iterations = args.iterations.max(10);

    let in_process = measure(iterations, || {
        let report = run_in_process(&request);
        report.result.is_ok()
    })?;
    println!(
        "one run, in-process (fresh Context each):  p50 {:.3} ms  p95 {:.3} ms  ({iterations} runs)",
        ms(in_process.p50),
        ms(in_process.p95)
    );

    let engine = Engine::from_current_exe();
    engine.warm_up(2).map_err(|e| anyhow::anyhow!("{e}"))?;
    let sandboxed = measure(iterations, || engine.run(&request).result.is_ok())?;
    println!(
        "one run, sandboxed (worker process):       p50 {:.3} ms  p95 {:.3} ms  ({iterations} runs)",
        ms(sandboxed.p50),
        ms(sandboxed.p95)
    );

    let all: Vec<_> = library.iter().collect();
    let batch_started = Instant::now();
    let mut failures = 0;
    for sample in &all {
        let request = RunRequest {
            code: SEED_LIKE_TRANSFORM.to_owned(),
            input: WebhookInput::new(sample.payload.clone()),
            options: RunOptions::default(),
        };
        if engine.run(&request).result.is_err() {
            failures += 1;
        }
    }
    let batch = batch_started.elapsed();
    println!(
        "whole library ({} samples), sandboxed:     {:.1} ms{}",
        all.len(),
        ms(batch),
        if failures > 0 {
            format!("  ({failures} runs failed)")
        } else {
            String::new()
        }
    );

    match node_batch(&all.iter().map(|s| &s.payload).collect::<Vec<_>>()) {
        Ok(Some(node)) => println!(
            "whole library, node as a whole process:    {:.1} ms  (hookcraft/node = {:.2})",
            ms(node),
            batch.as_secs_f64() / node.as_secs_f64()
        ),
        Ok(None) => println!("node is not on PATH: no comparison"),
        Err(e) => println!("node comparison failed: {e}"),
    }
    Ok(ExitCode::SUCCESS)
}

struct Figures {
    p50: Duration,
    p95: Duration,
}

fn measure(iterations: usize, mut once: impl FnMut() -> bool) -> anyhow::Result<Figures> {
    // Warm up.
    for _ in 0..10 {
        once();
    }
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let started = Instant::now();
        if !once() {
            anyhow::bail!("a benchmark run failed");
        }
        times.push(started.elapsed());
    }
    times.sort();
    let at = |q: f64| {
        let index = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(index).copied().unwrap_or_default()
    };
    Ok(Figures {
        p50: at(0.50),
        p95: at(0.95),
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the same batch in node (fresh `vm` context per sample, as the dashboard isolates
/// runs), timing the whole process.
fn node_batch(payloads: &[&serde_json::Value]) -> anyhow::Result<Option<Duration>> {
    let Ok(probe) = std::process::Command::new("node").arg("--version").output() else {
        return Ok(None);
    };
    if !probe.status.success() {
        return Ok(None);
    }
    let dir = std::env::temp_dir().join(format!("hookcraft-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let samples_path = dir.join("samples.json");
    std::fs::write(&samples_path, serde_json::to_string(payloads)?)?;
    let mut script = String::new();
    writeln!(
        script,
        "const vm = require('vm'); const fs = require('fs');"
    )?;
    writeln!(
        script,
        "const code = {}; const samples = JSON.parse(fs.readFileSync({}, 'utf8'));",
        serde_json::to_string(SEED_LIKE_TRANSFORM)?,
        serde_json::to_string(&samples_path.display().to_string())?
    )?;
    writeln!(
        script,
        "let n = 0; for (const payload of samples) {{ const ctx = vm.createContext({{}}); vm.runInContext(code, ctx); \
         const out = ctx.handler({{method: 'POST', url: 'https://webhook.example.com', payload, eventType: payload.type, env: {{}}}}); \
         if (JSON.stringify(out.payload).length > 0) n++; }} if (n !== samples.length) process.exit(1);"
    )?;
    let script_path = dir.join("batch.js");
    std::fs::write(&script_path, script)?;
    let started = Instant::now();
    let status = std::process::Command::new("node")
        .arg(&script_path)
        .status()?;
    let elapsed = started.elapsed();
    std::fs::remove_dir_all(&dir).ok();
    if !status.success() {
        anyhow::bail!("node exited with {status}");
    }
    Ok(Some(elapsed))
}
