//! `hookcraft sign` and `hookcraft verify`: Standard Webhooks signatures from the shell.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::send::signing;

/// Print the `webhook-signature` value for a message.
#[derive(Clone, Debug, clap::Args)]
pub struct SignArgs {
    /// The endpoint's signing secret (`whsec_…`).
    #[arg(long)]
    pub secret: String,
    /// The message id (`webhook-id`).
    #[arg(long)]
    pub id: String,
    /// The attempt's Unix time in seconds (`webhook-timestamp`).
    #[arg(long, allow_negative_numbers = true)]
    pub timestamp: i64,
    /// The file holding the exact body bytes.
    #[arg(long, value_name = "FILE")]
    pub body_file: PathBuf,
}

/// Check a `webhook-signature` like the reference libraries (5-minute tolerance).
#[derive(Clone, Debug, clap::Args)]
pub struct VerifyArgs {
    /// The endpoint's signing secret (`whsec_…`).
    #[arg(long)]
    pub secret: String,
    /// The message id (`webhook-id`).
    #[arg(long)]
    pub id: String,
    /// The `webhook-timestamp` header's value.
    #[arg(long, allow_hyphen_values = true)]
    pub timestamp: String,
    /// The `webhook-signature` header's value (space-separated entries).
    #[arg(long)]
    pub signature: String,
    /// The file holding the exact body bytes.
    #[arg(long, value_name = "FILE")]
    pub body_file: PathBuf,
    /// Check against this Unix time instead of now.
    #[arg(long, value_name = "SECS", allow_negative_numbers = true)]
    pub now: Option<i64>,
}

fn read_body(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("could not read the body file: {}", path.display()))
}

/// Runs `hookcraft sign`: prints `v1,<base64>`. Exit 2 on a bad secret or unreadable file.
pub fn run(args: &SignArgs) -> anyhow::Result<ExitCode> {
    let body = match read_body(&args.body_file) {
        Ok(body) => body,
        Err(err) => {
            eprintln!("error: {err:#}");
            return Ok(ExitCode::from(2));
        }
    };
    match signing::sign(&args.secret, &args.id, args.timestamp, &body) {
        Ok(signature) => {
            println!("{signature}");
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("error: --secret: {err}");
            Ok(ExitCode::from(2))
        }
    }
}

/// Runs `hookcraft verify`: exit 0 and `OK` when it matches, else 1 and the library's message.
pub fn run_verify(args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let body = match read_body(&args.body_file) {
        Ok(body) => body,
        Err(err) => {
            eprintln!("error: {err:#}");
            return Ok(ExitCode::from(2));
        }
    };
    let now = args.now.unwrap_or_else(|| chrono::Utc::now().timestamp());
    match signing::verify_parts(
        &args.id,
        &args.timestamp,
        &args.signature,
        &body,
        &args.secret,
        now,
    ) {
        Ok(()) => {
            println!("OK: the signature matches");
            Ok(ExitCode::SUCCESS)
        }
        Err(err @ signing::VerifyError::Secret(_)) => {
            eprintln!("error: --secret: {err}");
            Ok(ExitCode::from(2))
        }
        Err(err) => {
            println!("{err}");
            Ok(ExitCode::FAILURE)
        }
    }
}
