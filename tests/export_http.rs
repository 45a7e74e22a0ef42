//! Export over HTTP against real servers on 127.0.0.1 started by the tests: one that fails twice
//! with 503, one that takes the batch and drops the connection before answering, one that
//! answers 400. The batch id is the idempotency key; the token is sent and never printed.

mod common;
use common::{Sandbox, stderr, stdout};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

const TOKEN: &str = "s3cret-token-123";

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Request {
    headers: HashMap<String, String>,
    body: serde_json::Value,
}

/// What the server does with the n-th request (0-based).
#[derive(Clone, Copy)]
enum Answer {
    Status(u16),
    /// A redirect to another address on the same server.
    Redirect(u16),
    /// A refusal whose body repeats the request's Authorization header (a careless server).
    EchoAuthorization(u16),
    /// Reads the request, books it, and closes the connection without a word.
    Drop,
}

struct Server {
    url: String,
    requests: Arc<Mutex<Vec<Request>>>,
    /// Visit ids booked, once per idempotency key.
    booked: Arc<Mutex<Vec<String>>>,
}

fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    if line.is_empty() {
        return None;
    }
    let mut headers = HashMap::new();
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (key, value) = trimmed.split_once(':')?;
        headers.insert(key.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    let mut body = Vec::new();
    if let Some(length) = headers.get("content-length") {
        body.resize(length.parse().ok()?, 0);
        reader.read_exact(&mut body).ok()?;
    } else if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        loop {
            line.clear();
            reader.read_line(&mut line).ok()?;
            let size = usize::from_str_radix(line.trim(), 16).ok()?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    }
    Some(Request {
        headers,
        body: serde_json::from_slice(&body).unwrap_or_default(),
    })
}

fn serve(answers: Vec<Answer>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/batches", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let booked = Arc::new(Mutex::new(Vec::new()));
    let (seen, book) = (requests.clone(), booked.clone());
    std::thread::spawn(move || {
        let mut keys_booked: Vec<String> = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            while let Some(request) = read_request(&mut stream) {
                let n = {
                    let mut seen = seen.lock().unwrap();
                    seen.push(request.clone());
                    seen.len() - 1
                };
                let answer = answers.get(n).copied().unwrap_or(Answer::Status(200));
                let key = request
                    .headers
                    .get("idempotency-key")
                    .cloned()
                    .unwrap_or_default();
                let mut take = || {
                    // An idempotent server books a key once, however often it comes.
                    if !keys_booked.contains(&key) {
                        keys_booked.push(key.clone());
                        let ids = request.body["visits"]
                            .as_array()
                            .cloned()
                            .unwrap_or_default();
                        book.lock().unwrap().extend(
                            ids.iter()
                                .map(|v| v["visitId"].as_str().unwrap_or("").to_string()),
                        );
                    }
                };
                match answer {
                    Answer::Redirect(status) => {
                        let reply = format!(
                            "HTTP/1.1 {status} Moved\r\nLocation: http://127.0.0.1:9/elsewhere\r\nContent-Length: 0\r\n\r\n"
                        );
                        if stream.write_all(reply.as_bytes()).is_err() {
                            break;
                        }
                    }
                    Answer::EchoAuthorization(status) => {
                        let body = format!(
                            "\u{1b}]0;pwned\u{7}bad request from {}\nsecond line",
                            request
                                .headers
                                .get("authorization")
                                .cloned()
                                .unwrap_or_default()
                        );
                        let reply = format!(
                            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        if stream.write_all(reply.as_bytes()).is_err() {
                            break;
                        }
                    }
                    Answer::Drop => {
                        take();
                        let _ = stream.shutdown(std::net::Shutdown::Both);
                        break;
                    }
                    Answer::Status(status) => {
                        let body = if status == 400 {
                            "visit 3: unknown commune 9999".to_string()
                        } else {
                            String::new()
                        };
                        if (200..300).contains(&status) {
                            take();
                        }
                        let reply = format!(
                            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nContent-Type: text/plain\r\n\r\n{body}",
                            body.len()
                        );
                        if stream.write_all(reply.as_bytes()).is_err() {
                            break;
                        }
                    }
                }
            }
        }
    });
    Server {
        url,
        requests,
        booked,
    }
}

/// A database with demo visits; the ids of those due for export.
/// The visits the server booked, sorted; none may come twice.
fn booked(server: &Server) -> Vec<String> {
    let mut booked = server.booked.lock().unwrap().clone();
    booked.sort();
    let count = booked.len();
    booked.dedup();
    assert_eq!(booked.len(), count, "a visit was booked twice");
    booked
}

fn export(sandbox: &Sandbox, db: &str, url: &str) -> std::process::Output {
    sandbox.run_with_env(
        &[
            "export",
            "--url",
            url,
            "--retry-delay-ms",
            "10",
            "--attempts",
            "4",
            "--db",
            db,
        ],
        &[("INTAKE_DESK_TOKEN", TOKEN)],
    )
}

/// The batch files waiting in the database's outbox (the folder beside it).
fn outbox_batches(sandbox: &Sandbox) -> Vec<String> {
    std::fs::read_dir(sandbox.path("visits.db-outbox"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect()
}

fn pending(sandbox: &Sandbox, db: &str) -> String {
    let info = stdout(&sandbox.run(&["db", "info", "--db", db]));
    info.lines()
        .find(|l| l.starts_with("pending export:"))
        .unwrap()
        .to_string()
}

#[test]
fn two_503_then_success_delivers_once_with_the_same_key_and_the_token() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "80");
    let server = serve(vec![Answer::Status(503), Answer::Status(503)]);
    let out = export(&sandbox, db, &server.url);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let requests = server.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 3);
    let keys: Vec<&String> = requests
        .iter()
        .map(|r| &r.headers["idempotency-key"])
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    for request in &requests {
        assert_eq!(request.headers["authorization"], format!("Bearer {TOKEN}"));
        assert_eq!(request.headers["content-type"], "application/json");
        assert_eq!(request.body["header"]["messageId"], keys[0].as_str());
    }
    assert_eq!(booked(&server), due);
    assert_eq!(pending(&sandbox, db), "pending export:  0");
    assert!(!stdout(&out).contains(TOKEN) && !stderr(&out).contains(TOKEN));
    // Nothing left to send.
    let again = export(&sandbox, db, &server.url);
    assert!(again.status.success());
    assert_eq!(server.requests.lock().unwrap().len(), 3);
}

#[test]
fn a_dropped_connection_is_retried_with_the_same_key_and_each_visit_is_booked_once() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "80");
    let server = serve(vec![Answer::Drop]);
    let out = export(&sandbox, db, &server.url);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let requests = server.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 2, "the retry after the dropped connection");
    assert_eq!(
        requests[0].headers["idempotency-key"],
        requests[1].headers["idempotency-key"]
    );
    assert_eq!(booked(&server), due, "each visit once");
}

#[test]
fn a_400_stops_the_export_with_the_server_message_and_marks_nothing() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "80");
    let before = pending(&sandbox, db);
    assert_eq!(before, format!("pending export:  {}", due.len()));
    let server = serve(vec![Answer::Status(400)]);
    let out = export(&sandbox, db, &server.url);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("HTTP 400: visit 3: unknown commune 9999"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        server.requests.lock().unwrap().len(),
        1,
        "a refusal is not retried"
    );
    assert_eq!(pending(&sandbox, db), before, "nothing marked");
    assert!(server.booked.lock().unwrap().is_empty());
    // The outbox is empty: the refused batch was taken back, and the output says so.
    assert_eq!(outbox_batches(&sandbox).len(), 0);
    assert!(
        stdout(&out).contains("taken back") && !stdout(&out).contains("waiting in"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_server_that_stays_down_leaves_the_batch_waiting_and_the_next_run_sends_it_again() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "80");
    let down = serve(vec![Answer::Status(503); 4]);
    let out = export(&sandbox, db, &down.url);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("waits in the outbox"),
        "{}",
        stderr(&out)
    );
    let first_key = down.requests.lock().unwrap()[0].headers["idempotency-key"].clone();
    assert_eq!(down.requests.lock().unwrap().len(), 4);
    let up = serve(vec![]);
    let out = export(&sandbox, db, &up.url);
    assert!(out.status.success(), "{}", stderr(&out));
    let requests = up.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].headers["idempotency-key"], first_key);
    assert_eq!(booked(&up), due);
}

#[test]
fn a_redirect_is_never_a_delivery_and_the_batch_waits_in_the_outbox() {
    for status in [301, 302, 303, 307, 308] {
        let sandbox = Sandbox::new();
        let db = sandbox.db();
        let db = db.to_str().unwrap();
        let due = sandbox.demo_due_for_export(db, "60");
        let server = serve(vec![Answer::Redirect(status); 3]);
        let out = export(&sandbox, db, &server.url);
        assert_eq!(out.status.code(), Some(1), "{status}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!(
                "HTTP {status} redirect to http://127.0.0.1:9/elsewhere"
            )),
            "{status}: {}",
            stderr(&out)
        );
        assert_eq!(
            server.requests.lock().unwrap().len(),
            1,
            "{status}: one POST, the redirect not followed and not retried"
        );
        assert!(server.booked.lock().unwrap().is_empty());
        assert_eq!(
            outbox_batches(&sandbox).len(),
            1,
            "{status}: the batch waits"
        );
        assert!(
            stdout(&out).contains("not delivered, waiting in"),
            "{status}"
        );
        let info = stdout(&sandbox.run(&["db", "info", "--db", db]));
        assert!(info.contains("pending export:  0"), "{info}");
        // Nothing was marked delivered: the next run to a server that takes it sends it.
        let up = serve(vec![]);
        let out = export(&sandbox, db, &up.url);
        assert!(out.status.success(), "{status}: {}", stderr(&out));
        assert_eq!(booked(&up), due, "{status}");
    }
}

#[test]
fn a_server_message_is_one_escaped_line_and_never_shows_the_token() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    sandbox.demo_due_for_export(db, "40");
    let server = serve(vec![Answer::EchoAuthorization(401)]);
    let out = export(&sandbox, db, &server.url);
    assert_eq!(out.status.code(), Some(1));
    let (text, errors) = (stdout(&out), stderr(&out));
    assert!(!text.contains(TOKEN) && !errors.contains(TOKEN), "{errors}");
    assert!(errors.contains("HTTP 401"), "{errors}");
    assert!(errors.contains("contained the token"), "{errors}");
    // A message without the token is relayed as one line with its escapes shown, not run.
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    sandbox.demo_due_for_export(db, "40");
    let server = serve(vec![Answer::EchoAuthorization(400)]);
    let out = sandbox.run(&["export", "--url", &server.url, "--db", db]);
    let errors = stderr(&out);
    assert!(
        !errors.contains('\u{1b}') && !errors.contains('\u{7}'),
        "{errors:?}"
    );
    assert!(
        errors.contains("\\u{1b}]0;pwned\\u{7}bad request from"),
        "{errors}"
    );
    assert!(!errors.contains("second line"), "{errors}");
}

#[test]
fn an_export_url_that_is_not_http_is_refused_before_anything_is_written() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    sandbox.demo_due_for_export(db, "40");
    for url in [
        "ftp://case.example/in",
        "case.example/in",
        "http://",
        "https:// x",
    ] {
        let out = sandbox.run(&["export", "--url", url, "--db", db]);
        assert_eq!(out.status.code(), Some(2), "{url}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("export URL"),
            "{url}: {}",
            stderr(&out)
        );
        assert_eq!(stderr(&out).lines().count(), 1);
    }
    assert!(
        !sandbox.path("visits.db-outbox").exists(),
        "no batch was written"
    );
    let info = stdout(&sandbox.run(&["db", "info", "--db", db]));
    assert!(!info.contains("pending export:  0"), "{info}");
}

#[test]
fn a_run_killed_while_writing_its_http_batch_leaves_it_for_the_next_run_to_send_once() {
    for point in ["before-rename", "before-commit"] {
        let sandbox = Sandbox::new();
        let db = sandbox.db();
        let db = db.to_str().unwrap();
        let due = sandbox.demo_due_for_export(db, "80");
        let server = serve(vec![]);
        let crashed = sandbox.run_with_env(
            &["export", "--url", &server.url, "--db", db],
            &[("INTAKE_DESK_FAILPOINT", point)],
        );
        assert!(!crashed.status.success(), "{point}");
        assert!(
            server.requests.lock().unwrap().is_empty(),
            "{point}: nothing sent yet"
        );
        let out = export(&sandbox, db, &server.url);
        assert!(out.status.success(), "{point}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("finished now"),
            "{point}: {}",
            stdout(&out)
        );
        assert_eq!(booked(&server), due, "{point}");
        assert!(outbox_batches(&sandbox).is_empty(), "{point}");
    }
}
