//! `hookcraft run`: one transform on one sample.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::engine::{Engine, EngineError, RunOptions, RunReport, RunRequest, WebhookInput};

use super::common::{error_json, load_sample, parse_pairs, print_json, read_transform};

/// Arguments of `hookcraft run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The transformation script (defines `function handler(webhook)`).
    #[arg(long, value_name = "FILE")]
    pub transform: PathBuf,
    /// A sample file, or a library name such as `payment.succeeded`.
    #[arg(long, value_name = "SAMPLE")]
    pub sample: String,
    /// A variable for `webhook.env` (repeatable).
    #[arg(long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// The endpoint URL handed to the transform.
    #[arg(long, default_value = crate::engine::DEFAULT_URL)]
    pub url: String,
    /// Use the real clock and random numbers (default: fixed, so output is repeatable).
    #[arg(long)]
    pub real_clock: bool,
    /// Deadline in milliseconds.
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    pub timeout_ms: u64,
    /// Memory budget in MiB.
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    pub memory_mib: usize,
    /// Print one JSON object instead of a summary.
    #[arg(long)]
    pub json: bool,
}

/// Runs `hookcraft run`: exit 0 on success, 1 when the transform failed, 2 on bad input.
pub fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let code = read_transform(&args.transform)?;
    let env = parse_pairs(&args.env, "--env")?;
    let sample = match load_sample(&args.sample) {
        Ok(sample) => sample,
        Err(error) => return Ok(report_bad_sample(&error, args.json)),
    };
    let options = RunOptions {
        repeatable: !args.real_clock,
        timeout: std::time::Duration::from_millis(args.timeout_ms),
        memory_limit_bytes: args.memory_mib.saturating_mul(1024 * 1024),
        ..RunOptions::default()
    };
    let request = RunRequest {
        code,
        input: WebhookInput::new(sample.payload)
            .with_url(&args.url)
            .with_env(env),
        options,
    };
    let report = Engine::from_current_exe().run(&request);
    if args.json {
        print_json(&report_json(&report));
    } else {
        print_summary(&report);
    }
    Ok(if report.result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn report_bad_sample(error: &EngineError, json: bool) -> ExitCode {
    if json {
        print_json(&serde_json::json!({"ok": false, "error": error_json(error), "console": []}));
    } else {
        eprintln!("hookcraft: {error}");
    }
    ExitCode::from(2)
}

/// The `--json` object of a run.
pub(crate) fn report_json(report: &RunReport) -> serde_json::Value {
    let console = serde_json::to_value(&report.console).unwrap_or_default();
    let duration_ms = report.duration.as_secs_f64() * 1000.0;
    match &report.result {
        Ok(output) => serde_json::json!({
            "ok": true,
            "method": output.method,
            "url": output.url,
            "headers": output.headers,
            "cancel": output.cancel,
            "payload": output.payload,
            "console": console,
            "duration_ms": (duration_ms * 1000.0).round() / 1000.0,
        }),
        Err(error) => serde_json::json!({
            "ok": false,
            "error": error_json(error),
            "console": console,
            "duration_ms": (duration_ms * 1000.0).round() / 1000.0,
        }),
    }
}

fn print_summary(report: &RunReport) {
    let colour = std::io::stdout().is_terminal();
    let dim = |s: &str| {
        if colour {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    };
    for line in &report.console {
        println!(
            "{} {}",
            dim(&format!("console.{}:", line.level.as_str())),
            line.message
        );
    }
    match &report.result {
        Ok(output) if output.cancel => {
            println!("cancelled — nothing would be sent (it counts as a successful delivery)");
        }
        Ok(output) => {
            println!("{} {}", output.method, output.url);
            for (name, value) in &output.headers {
                println!("{name}: {value}");
            }
            println!();
            println!("{}", output.pretty_body());
        }
        Err(error) => println!("{error}"),
    }
    println!(
        "{}",
        dim(&format!(
            "ran in {:.2} ms",
            report.duration.as_secs_f64() * 1000.0
        ))
    );
}
