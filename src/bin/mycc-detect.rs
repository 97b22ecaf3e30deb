//! `mycc-detect [--country VN]`: reads text on stdin, writes one JSON line per input line
//! with the phone numbers found in it (character offsets, raw text, E.164, dial string).

use mycc_connect::detect::{find_numbers, NationalRules};
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

fn country_from_args() -> Result<String, String> {
    let mut args = std::env::args().skip(1);
    let mut country = String::from("VN");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--country" => country = args.next().ok_or("--country needs a value, e.g. --country VN")?,
            "-h" | "--help" => {
                return Err("usage: mycc-detect [--country CC] < text\n\
                    Writes {\"line\":N,\"found\":[{\"start\",\"end\",\"raw\",\"e164\",\"dial\"}]} per line."
                    .into())
            }
            other => return Err(format!("unknown argument {other:?}; usage: mycc-detect [--country CC]")),
        }
    }
    Ok(country)
}

fn run() -> Result<(), String> {
    let rules = NationalRules::for_country(&country_from_args()?)?;
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut buffer = Vec::new();
    let mut input = stdin.lock();
    let mut line_number = 0usize;
    loop {
        buffer.clear();
        let read = input
            .read_until(b'\n', &mut buffer)
            .map_err(|e| format!("reading stdin: {e}"))?;
        if read == 0 {
            break;
        }
        line_number += 1;
        let text = String::from_utf8_lossy(&buffer);
        let line = text.trim_end_matches(['\n', '\r']);
        let found = find_numbers(line, rules);
        let json = serde_json::json!({ "line": line_number, "found": found });
        writeln!(out, "{json}").map_err(|e| format!("writing stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("writing stdout: {e}"))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mycc-detect: {message}");
            ExitCode::from(2)
        }
    }
}
