//! A GH Archive stand-in: serves `/{YYYY-MM-DD-H}.json.gz` with a scripted behaviour per file.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What the server does when a file is requested.
#[derive(Debug, Clone)]
pub enum Behaviour {
    Serve(Vec<u8>),
    /// Answers this status `failures` times, then serves the bytes.
    FailThenServe {
        status: u16,
        failures: u32,
        bytes: Vec<u8>,
    },
    /// Sends the body in `chunk`-byte pieces with `delay` between them.
    Slow {
        bytes: Vec<u8>,
        chunk: usize,
        delay: Duration,
    },
    /// Sends the headers and `prefix` bytes, then goes silent forever.
    Stall {
        bytes: Vec<u8>,
        prefix: usize,
    },
    /// Announces the full length but closes the connection half-way.
    CutConnection(Vec<u8>),
}

#[derive(Default)]
struct Shared {
    files: HashMap<String, Behaviour>,
    requests: HashMap<String, u32>,
}

/// A running server; stops when dropped with its runtime.
pub struct ArchiveServer {
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
}

impl ArchiveServer {
    pub async fn start() -> ArchiveServer {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let app = axum::Router::new().fallback(serve).with_state(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        ArchiveServer { addr, shared }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Sets what `/{stem}.json.gz` does.
    pub fn set(&self, stem: &str, behaviour: Behaviour) {
        self.shared.lock().unwrap().files.insert(format!("/{stem}.json.gz"), behaviour);
    }

    /// How many GET requests `/{stem}.json.gz` has had.
    pub fn requests(&self, stem: &str) -> u32 {
        self.shared.lock().unwrap().requests.get(&format!("/{stem}.json.gz")).copied().unwrap_or(0)
    }
}

async fn serve(State(shared): State<Arc<Mutex<Shared>>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let is_get = request.method() == axum::http::Method::GET;
    let behaviour = {
        let mut shared = shared.lock().unwrap();
        if is_get {
            *shared.requests.entry(path.clone()).or_default() += 1;
        }
        let behaviour = shared.files.get(&path).cloned();
        if let (true, Some(Behaviour::FailThenServe { status, failures, bytes })) = (is_get, &behaviour)
            && *failures > 0
        {
            let remaining = Behaviour::FailThenServe { status: *status, failures: failures - 1, bytes: bytes.clone() };
            shared.files.insert(path.clone(), remaining);
            return StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response();
        }
        behaviour
    };
    let Some(behaviour) = behaviour else {
        return (StatusCode::NOT_FOUND, "<Error><Code>NoSuchKey</Code></Error>").into_response();
    };
    if !is_get {
        return StatusCode::OK.into_response();
    }
    match behaviour {
        Behaviour::Serve(bytes) | Behaviour::FailThenServe { bytes, .. } => bytes.into_response(),
        Behaviour::Slow { bytes, chunk, delay } => {
            let length = bytes.len();
            let pieces: Vec<Bytes> = bytes.chunks(chunk.max(1)).map(Bytes::copy_from_slice).collect();
            let stream = futures_util::stream::unfold(pieces.into_iter(), move |mut pieces| async move {
                let piece = pieces.next()?;
                tokio::time::sleep(delay).await;
                Some((Ok::<_, std::io::Error>(piece), pieces))
            });
            with_length(Body::from_stream(stream), length)
        }
        Behaviour::Stall { bytes, prefix } => {
            let length = bytes.len();
            let first = Bytes::copy_from_slice(&bytes[..prefix.min(length)]);
            let stream = futures_util::stream::unfold(Some(first), |first| async move {
                match first {
                    Some(first) => Some((Ok::<_, std::io::Error>(first), None)),
                    None => {
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                        None
                    }
                }
            });
            with_length(Body::from_stream(stream), length)
        }
        Behaviour::CutConnection(bytes) => {
            let length = bytes.len();
            let half = Bytes::copy_from_slice(&bytes[..length / 2]);
            let stream = futures_util::stream::iter(vec![
                Ok(half),
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "cut")),
            ]);
            with_length(Body::from_stream(stream), length)
        }
    }
}

fn with_length(body: Body, length: usize) -> Response {
    let mut response = Response::new(body);
    response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response
}
