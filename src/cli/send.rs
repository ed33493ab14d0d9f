//! `hookcraft send`: run a transform on a sample and deliver the result like Dodo would.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::engine::{Engine, RunOptions, RunRequest, WebhookInput};
use crate::send::{
    self, BuildOptions, CANCELLED_MESSAGE, DeliverOptions, HttpRequest, HttpResponse, SendError,
    SigningParams,
};

/// Run a transformation on a sample and send what it returns.
#[derive(Clone, Debug, clap::Args)]
pub struct SendArgs {
    /// The transformation's JavaScript file.
    #[arg(long, value_name = "FILE")]
    pub transform: PathBuf,
    /// A payload file, or a library sample name such as `payment.succeeded`.
    #[arg(long, value_name = "SAMPLE")]
    pub sample: String,
    /// The endpoint URL (`webhook.url`).
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// The integration card whose auth applies (e.g. segment, customerio, webhook).
    #[arg(long, value_name = "ID")]
    pub card: Option<String>,
    /// A credential of the card, e.g. `write_key=…` (repeatable).
    #[arg(long = "cred", value_name = "NAME=VALUE")]
    pub creds: Vec<String>,
    /// An endpoint custom header (repeatable); the transform's headers override it.
    #[arg(long = "header", value_name = "K=V")]
    pub headers: Vec<String>,
    /// An endpoint variable for `webhook.env` (repeatable).
    #[arg(long = "env", value_name = "K=V")]
    pub env: Vec<String>,
    /// Print the exact request (redacted) without sending it.
    #[arg(long)]
    pub dry_run: bool,
    /// Send the very same request (headers, auth, body) to this URL instead.
    #[arg(long, value_name = "URL")]
    pub send_to: Option<String>,
    /// Delivery timeout in milliseconds.
    #[arg(long, value_name = "N", default_value_t = 15_000)]
    pub timeout_ms: u64,
    /// Fixed `webhook-id` for the webhook card's signature.
    #[arg(long, value_name = "ID")]
    pub webhook_id: Option<String>,
    /// Fixed `webhook-timestamp` (Unix seconds) for the webhook card's signature.
    #[arg(long, value_name = "SECS")]
    pub webhook_timestamp: Option<i64>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// A usage problem: exit 2 with this message.
struct Usage(String);

/// Splits `K=V` pairs; `what` names the option in errors.
fn pairs(items: &[String], what: &str) -> Result<Vec<(String, String)>, Usage> {
    items
        .iter()
        .map(|item| match item.split_once('=') {
            Some((key, value)) if !key.trim().is_empty() => {
                Ok((key.trim().to_owned(), value.to_owned()))
            }
            _ => Err(Usage(format!("{what} expects NAME=VALUE, got {item:?}"))),
        })
        .collect()
}

/// The sample's payload: a file if one exists at that path, else a library name.
fn load_sample(sample: &str) -> Result<serde_json::Value, Usage> {
    let path = std::path::Path::new(sample);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|err| Usage(format!("could not read the sample ({err}): {sample}")))?;
        return crate::samples::parse_payload(&text).map_err(|err| {
            Usage(format!(
                "the sample is not a usable payload ({err}): {sample}"
            ))
        });
    }
    match crate::samples::Library::builtin().get(sample) {
        Some(found) => Ok(found.payload.clone()),
        None => Err(Usage(format!(
            "--sample is neither a file nor a library sample name (e.g. payment.succeeded): \
             {sample}"
        ))),
    }
}

/// Prints a usage error (text or JSON) and gives exit code 2.
fn usage(message: &str, json: bool) -> ExitCode {
    if json {
        let value = serde_json::json!({
            "ok": false,
            "error": {"kind": "usage", "message": message},
        });
        println!("{value}");
    } else {
        eprintln!("error: {message}");
    }
    ExitCode::from(2)
}

fn response_json(response: &HttpResponse) -> serde_json::Value {
    serde_json::json!({
        "status": response.status,
        "reason": response.reason,
        "headers": response.headers,
        "body": response.body,
        "body_bytes": response.body_bytes,
        "truncated": response.truncated,
        "elapsed_ms": response.elapsed_ms,
        "headers_ms": response.headers_ms,
        "redirects": response.redirects,
        "final_url": response.final_url,
    })
}

/// Runs `hookcraft send`. Exit 0 on 2xx or cancel, 1 on a failed transform or send or a
/// non-2xx answer, 2 on usage errors.
pub fn run(args: &SendArgs) -> anyhow::Result<ExitCode> {
    let json = args.json;
    let prepared = (|| {
        let credentials: BTreeMap<String, String> =
            pairs(&args.creds, "--cred")?.into_iter().collect();
        let headers = pairs(&args.headers, "--header")?;
        let env: BTreeMap<String, String> = pairs(&args.env, "--env")?.into_iter().collect();
        let code = std::fs::read_to_string(&args.transform).map_err(|err| {
            Usage(format!(
                "could not read the transform ({err}): {}",
                args.transform.display()
            ))
        })?;
        let payload = load_sample(&args.sample)?;
        let auth = match &args.card {
            Some(id) => Some(send::card_auth(id).ok_or_else(|| {
                let known: Vec<&str> = crate::catalogue::cards()
                    .iter()
                    .map(|card| card.id)
                    .collect();
                Usage(format!(
                    "--card: unknown card {id:?} (one of {})",
                    known.join(", ")
                ))
            })?),
            None => None,
        };
        if let Some(url) = &args.send_to {
            send::validate_url(url).map_err(|err| Usage(format!("--send-to: {err}")))?;
        }
        Ok((credentials, headers, env, code, payload, auth))
    })();
    let (credentials, headers, env, code, payload, auth) = match prepared {
        Ok(prepared) => prepared,
        Err(Usage(message)) => return Ok(usage(&message, json)),
    };

    let engine = Engine::from_current_exe();
    let report = engine.run(&RunRequest {
        code,
        input: WebhookInput::new(payload).with_url(&args.url).with_env(env),
        options: RunOptions::default(),
    });
    let output = match report.result {
        Ok(output) => output,
        Err(err) => {
            if json {
                let value = serde_json::json!({
                    "ok": false,
                    "error": {"kind": "transform", "message": err.to_string(), "transform": err},
                });
                println!("{value}");
            } else {
                eprintln!("error: the transform failed: {err}");
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    if output.cancel {
        if json {
            let value =
                serde_json::json!({"ok": true, "cancelled": {"message": CANCELLED_MESSAGE}});
            println!("{value}");
        } else {
            println!("{CANCELLED_MESSAGE}: nothing was sent");
        }
        return Ok(ExitCode::SUCCESS);
    }

    let build = BuildOptions {
        signing: SigningParams {
            webhook_id: args.webhook_id.clone(),
            timestamp: args.webhook_timestamp,
        },
    };
    let request =
        match send::build_request_with(&output, auth.as_ref(), &credentials, &headers, &build) {
            Ok(request) => request,
            Err(err) => return Ok(send_failed(None, &err, json)),
        };
    let request = match &args.send_to {
        Some(url) => request.with_url(url.trim()),
        None => request,
    };
    let shown = request.redacted();
    if args.dry_run {
        if json {
            let value = serde_json::json!({"ok": true, "dry_run": true, "request": shown});
            println!("{value}");
        } else {
            println!("{}", shown.to_text());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let opts = DeliverOptions {
        timeout: Duration::from_millis(args.timeout_ms),
        ..DeliverOptions::default()
    };
    match send::deliver(&request, &opts) {
        Ok(response) => {
            let ok = response.is_success();
            if json {
                let value = serde_json::json!({
                    "ok": ok,
                    "request": shown,
                    "response": response_json(&response),
                });
                println!("{value}");
            } else {
                println!("{}", shown.to_text());
                println!();
                for hop in &response.redirects {
                    println!("redirect {} {} -> {}", hop.status, hop.from, hop.to);
                }
                println!(
                    "{} {} in {} ms{}",
                    response.status,
                    response.reason,
                    response.elapsed_ms,
                    if response.truncated {
                        format!(" (body truncated, {} bytes in all)", response.body_bytes)
                    } else {
                        String::new()
                    }
                );
                for (name, value) in &response.headers {
                    println!("{name}: {value}");
                }
                println!();
                println!("{}", response.body);
            }
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Err(err) => Ok(send_failed(Some(&shown), &err, json)),
    }
}

/// Prints a send error and gives exit code 1.
fn send_failed(request: Option<&HttpRequest>, err: &SendError, json: bool) -> ExitCode {
    if json {
        let value = serde_json::json!({
            "ok": false,
            "request": request,
            "error": {"kind": err.kind(), "message": err.to_string()},
        });
        println!("{value}");
    } else {
        eprintln!("error: {err}");
    }
    ExitCode::FAILURE
}
