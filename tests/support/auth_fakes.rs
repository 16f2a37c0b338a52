//! Local stand-ins for GitHub's `/user` and `/rate_limit` and for Google's OAuth token endpoint,
//! plus a real RSA service-account key made with openssl for each test.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

async fn serve_on_loopback(app: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

#[derive(Default)]
struct GithubState {
    /// token -> login
    tokens: HashMap<String, String>,
    requests: Vec<String>,
}

/// A GitHub API that knows a few tokens.
pub struct FakeGithub {
    pub url: String,
    state: Arc<Mutex<GithubState>>,
}

impl FakeGithub {
    pub async fn start(tokens: &[(&str, &str)]) -> FakeGithub {
        let state = Arc::new(Mutex::new(GithubState {
            tokens: tokens.iter().map(|(t, l)| ((*t).to_owned(), (*l).to_owned())).collect(),
            requests: Vec::new(),
        }));
        let app = axum::Router::new().fallback(github).with_state(Arc::clone(&state));
        let addr = serve_on_loopback(app).await;
        FakeGithub { url: format!("http://{addr}"), state }
    }

    /// Paths requested so far.
    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().requests.clone()
    }
}

async fn github(State(state): State<Arc<Mutex<GithubState>>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let token = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_owned();
    let login = {
        let mut state = state.lock().unwrap();
        state.requests.push(path.clone());
        state.tokens.get(&token).cloned()
    };
    let Some(login) = login else {
        let body = r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#;
        return (StatusCode::UNAUTHORIZED, body).into_response();
    };
    let mut headers = HeaderMap::new();
    headers.insert("x-ratelimit-remaining", "4990".parse().unwrap());
    if token.starts_with("ghp_") {
        headers.insert("x-oauth-scopes", "repo, read:org".parse().unwrap());
    }
    match path.as_str() {
        "/user" => (headers, format!(r#"{{"login":"{login}","id":583231,"type":"User"}}"#)).into_response(),
        "/rate_limit" => (
            headers,
            r#"{"resources":{"core":{"limit":5000,"used":10,"remaining":4990,"reset":1900000000}},"rate":{"limit":5000,"remaining":4990,"reset":1900000000}}"#,
        )
            .into_response(),
        _ => (StatusCode::NOT_FOUND, r#"{"message":"Not Found"}"#).into_response(),
    }
}

/// An RSA key pair in PEM, made by openssl: the private key as Google writes it into key files
/// (PKCS#8), the public key for the fake token endpoint to check signatures with.
pub struct RsaKeyPair {
    pub private_pem: String,
    pub public_pem: String,
}

impl RsaKeyPair {
    pub fn generate() -> RsaKeyPair {
        let private = Command::new("openssl")
            .args(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
            .output()
            .expect("openssl genpkey (apt install openssl)");
        assert!(private.status.success(), "openssl genpkey failed");
        let private_pem = String::from_utf8(private.stdout).unwrap();
        let mut child = Command::new("openssl")
            .args(["pkey", "-pubout"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("openssl pkey");
        use std::io::Write;
        child.stdin.take().unwrap().write_all(private_pem.as_bytes()).unwrap();
        let public = child.wait_with_output().unwrap();
        RsaKeyPair { private_pem, public_pem: String::from_utf8(public.stdout).unwrap() }
    }

    /// A service-account key file for this key pair, pointing at `token_uri`.
    pub fn key_file(&self, token_uri: &str) -> String {
        serde_json::json!({
            "type": "service_account",
            "project_id": "octo-research",
            "private_key_id": "3f2c9a",
            "private_key": self.private_pem,
            "client_email": "loader@octo-research.iam.gserviceaccount.com",
            "client_id": "104712233445566778899",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": token_uri,
        })
        .to_string()
    }
}

struct OauthState {
    public_pem: String,
    url: String,
    issued: Vec<String>,
}

/// Google's token endpoint: accepts JWT-bearer assertions signed by one key.
pub struct FakeGoogleOauth {
    pub token_uri: String,
    state: Arc<Mutex<OauthState>>,
}

impl FakeGoogleOauth {
    pub async fn start(trusted: &RsaKeyPair) -> FakeGoogleOauth {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let token_uri = format!("http://{addr}/token");
        let state = Arc::new(Mutex::new(OauthState {
            public_pem: trusted.public_pem.clone(),
            url: token_uri.clone(),
            issued: Vec::new(),
        }));
        let app = axum::Router::new().route("/token", axum::routing::post(token)).with_state(Arc::clone(&state));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeGoogleOauth { token_uri, state }
    }

    /// Access tokens handed out so far.
    pub fn issued(&self) -> Vec<String> {
        self.state.lock().unwrap().issued.clone()
    }
}

async fn token(State(state): State<Arc<Mutex<OauthState>>>, body: String) -> Response {
    let form: HashMap<String, String> = body
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace("%3A", ":")))
        .collect();
    let refuse = |error: &str, description: &str| {
        (StatusCode::BAD_REQUEST, serde_json::json!({ "error": error, "error_description": description }).to_string())
            .into_response()
    };
    if form.get("grant_type").map(String::as_str) != Some("urn:ietf:params:oauth:grant-type:jwt-bearer") {
        return refuse("unsupported_grant_type", "Invalid grant_type.");
    }
    let (public_pem, url) = {
        let state = state.lock().unwrap();
        (state.public_pem.clone(), state.url.clone())
    };
    let key = jsonwebtoken::DecodingKey::from_rsa_pem(public_pem.as_bytes()).expect("public key");
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&[url]);
    let Ok(claims) = jsonwebtoken::decode::<serde_json::Value>(
        form.get("assertion").map(String::as_str).unwrap_or_default(),
        &key,
        &validation,
    ) else {
        return refuse("invalid_grant", "Invalid JWT Signature.");
    };
    if claims.claims["scope"] != "https://www.googleapis.com/auth/bigquery" {
        return refuse("invalid_scope", "Unexpected scope.");
    }
    let access = format!("ya29.fake-access-{}", state.lock().unwrap().issued.len() + 1000);
    state.lock().unwrap().issued.push(access.clone());
    serde_json::json!({ "access_token": access, "expires_in": 3599, "token_type": "Bearer" })
        .to_string()
        .into_response()
}
