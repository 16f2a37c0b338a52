//! Checking a Google service-account key: parse the JSON, then exchange a signed JWT for an
//! access token at the key's token URI (RFC 7523, as Google's OAuth server expects), which
//! proves the key is real, enabled and not revoked.

use std::time::Duration;

use serde::Deserialize;

use super::Secret;
use crate::error::{EngineError, Result};

/// BigQuery is all Octoscope asks Google for.
pub const BIGQUERY_SCOPE: &str = "https://www.googleapis.com/auth/bigquery";

const DEFAULT_TOKEN_URI: &str = "https://oauth2.googleapis.com/token";

/// The parts of a key file Octoscope uses. The private key stays a [`Secret`].
#[derive(Debug)]
pub struct ServiceAccountKey {
    pub project_id: String,
    pub client_email: String,
    pub private_key_id: Option<String>,
    pub token_uri: String,
    private_key: Secret,
}

/// What a key is, as shown to the user. Never holds key material.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GcpAccount {
    pub project_id: String,
    pub client_email: String,
    /// Lifetime of the access token Google issued in the check, in seconds.
    pub token_lifetime_s: u64,
}

#[derive(Deserialize)]
struct KeyFile {
    #[serde(rename = "type")]
    kind: Option<String>,
    project_id: Option<String>,
    private_key_id: Option<String>,
    private_key: Option<String>,
    client_email: Option<String>,
    token_uri: Option<String>,
}

impl ServiceAccountKey {
    /// Parses the key file's JSON. Messages say what is wrong without quoting the input, which
    /// holds the private key.
    pub fn parse(secret: &Secret) -> Result<Self> {
        let invalid = |why: String| EngineError::CredentialInvalid(why);
        let file: KeyFile = serde_json::from_str(secret.expose()).map_err(|e| {
            invalid(if e.is_eof() {
                "the Google key JSON ends too early: paste the whole key file".to_owned()
            } else if e.is_syntax() {
                format!(
                    "the Google key is not valid JSON (line {}, column {}): paste the whole key file",
                    e.line(),
                    e.column()
                )
            } else {
                "the Google key JSON has fields of the wrong type: is this a service-account key file?".to_owned()
            })
        })?;
        match file.kind.as_deref() {
            Some("service_account") => {}
            Some(other) => {
                return Err(invalid(format!(
                    "this is a `{other}` credential, not a service-account key: create a JSON key for a service account (IAM, Service accounts, Keys, Add key)"
                )));
            }
            None => return Err(invalid("the JSON has no `type`: it is not a Google service-account key file".into())),
        }
        let field = |value: Option<String>, name: &str| {
            value
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| invalid(format!("the service-account key has no `{name}`")))
        };
        let private_key = Secret::new(field(file.private_key, "private_key")?);
        if !private_key.expose().starts_with("-----BEGIN PRIVATE KEY-----") {
            return Err(invalid("the key's `private_key` is not a PEM private key".into()));
        }
        Ok(ServiceAccountKey {
            project_id: field(file.project_id, "project_id")?,
            client_email: field(file.client_email, "client_email")?,
            private_key_id: file.private_key_id,
            token_uri: file.token_uri.unwrap_or_else(|| DEFAULT_TOKEN_URI.to_owned()),
            private_key,
        })
    }

    /// A signed JWT asking for `scope`, valid for an hour from `now` (unix seconds).
    fn assertion(&self, scope: &str, now: i64) -> Result<Secret> {
        #[derive(serde::Serialize)]
        struct Claims<'a> {
            iss: &'a str,
            scope: &'a str,
            aud: &'a str,
            iat: i64,
            exp: i64,
        }
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
        header.kid = self.private_key_id.clone();
        let key = jsonwebtoken::EncodingKey::from_rsa_pem(self.private_key.expose().as_bytes()).map_err(|_| {
            EngineError::CredentialInvalid("the key's `private_key` is not a valid RSA private key".into())
        })?;
        let claims = Claims { iss: &self.client_email, scope, aud: &self.token_uri, iat: now, exp: now + 3600 };
        jsonwebtoken::encode(&header, &claims, &key)
            .map(Secret::new)
            .map_err(|_| EngineError::CredentialInvalid("the key's `private_key` cannot sign a token".into()))
    }

    /// Exchanges the key for an access token at its token URI.
    pub async fn access_token(&self, scope: &str) -> Result<(Secret, u64)> {
        let assertion = self.assertion(scope, chrono::Utc::now().timestamp())?;
        // Both values are URL-safe already: a fixed grant type and a base64url JWT.
        let body = format!(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={}",
            assertion.expose()
        );
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| EngineError::Internal(format!("cannot build an HTTP client: {e}")))?;
        let response = client
            .post(&self.token_uri)
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(|e| {
                EngineError::Network(format!("cannot reach Google's token endpoint {}: {e}", self.token_uri))
            })?;
        let status = response.status();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| EngineError::Network(format!("reading the answer of {}: {e}", self.token_uri)))?;
        let answer: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        if !status.is_success() {
            let error = answer["error"].as_str().unwrap_or("no error code");
            let description = answer["error_description"].as_str().unwrap_or("no description");
            let hint = match error {
                "invalid_grant" => "the key was deleted or is not this account's, or this computer's clock is wrong",
                "invalid_client" | "unauthorized_client" => "the service account is disabled or deleted",
                _ => "check the key in the Google Cloud console",
            };
            return Err(if status.is_client_error() {
                EngineError::CredentialInvalid(format!("Google refused the key ({error}: {description}): {hint}"))
            } else {
                EngineError::Network(format!("Google's token endpoint answered {status}; try again later"))
            });
        }
        let token = answer["access_token"]
            .as_str()
            .ok_or_else(|| EngineError::Network("Google's token answer has no access_token".into()))?;
        Ok((Secret::new(token.to_owned()), answer["expires_in"].as_u64().unwrap_or(0)))
    }
}

/// Parses the key and proves it works by getting a BigQuery access token with it.
pub async fn check_key(secret: &Secret) -> Result<GcpAccount> {
    let key = ServiceAccountKey::parse(secret)?;
    let (_token, lifetime) = key.access_token(BIGQUERY_SCOPE).await?;
    Ok(GcpAccount { project_id: key.project_id, client_email: key.client_email, token_lifetime_s: lifetime })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(json: &str) -> String {
        ServiceAccountKey::parse(&Secret::new(json.into())).unwrap_err().to_string()
    }

    #[test]
    fn malformed_keys_are_explained_without_quoting_them() {
        assert!(message(r#"{"type": "service_account", "private_key": "SECRETKEY"#).contains("ends too early"));
        assert!(message("{not json SECRETKEY}").contains("not valid JSON (line 1, column 2)"));
        assert!(
            message(r#"{"type": "authorized_user", "refresh_token": "SECRETKEY"}"#)
                .contains("`authorized_user` credential")
        );
        assert!(message(r#"{"type": "service_account", "private_key": 5}"#).contains("wrong type"));
        assert!(message(r#"{"type": "service_account", "project_id": "p"}"#).contains("no `private_key`"));
        assert!(
            message(
                r#"{"type": "service_account", "project_id": "p", "client_email": "e", "private_key": "SECRETKEY"}"#
            )
            .contains("not a PEM private key")
        );
        for json in [r#"{"private_key": "SECRETKEY" "#, r#"["SECRETKEY"]"#] {
            assert!(!message(json).contains("SECRETKEY"), "{json}");
        }
    }
}
