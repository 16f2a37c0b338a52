// Credentials for the sources that need them (the GitHub API, BigQuery). GH Archive and the
// sample workspace need none.

import { useCallback, useEffect, useState } from "react";
import { ErrorText } from "../../components/ErrorText";
import type { CredentialKind, CredentialStatus, WireError } from "../../ipc/bindings";
import { credentialsStatus, toWireError } from "../../ipc/client";
import { formatCount, formatLocalTime } from "../../lib/format";
import { isGcpAccount, isGithubAccount } from "./accountView";
import { CredentialCard } from "./CredentialCard";
import "./credentials.css";

export function CredentialsPage() {
  const [statuses, setStatuses] = useState<Partial<Record<CredentialKind, CredentialStatus>>>({});
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<WireError | null>(null);

  useEffect(() => {
    let current = true;
    credentialsStatus()
      .then((all) => {
        if (!current) return;
        setStatuses(Object.fromEntries(all.map((s) => [s.kind, s])));
        setLoaded(true);
      })
      .catch((thrown: unknown) => {
        if (!current) return;
        setError(toWireError(thrown));
        setLoaded(true);
      });
    return () => {
      current = false;
    };
  }, []);

  const onStatus = useCallback((status: CredentialStatus) => {
    setStatuses((previous) => ({ ...previous, [status.kind]: status }));
  }, []);

  const github = statuses.github ?? null;
  const gcp = statuses.gcp ?? null;
  const githubAccount = github?.account && isGithubAccount(github.account) ? github.account : null;
  const gcpAccount = gcp?.account && isGcpAccount(gcp.account) ? gcp.account : null;
  // Until the first answer, "Checking…"; after a failed status call, "unknown" is honest.
  const orUnknown = (status: CredentialStatus | null, kind: CredentialKind): CredentialStatus | null =>
    status ?? (loaded ? { kind, set: null, source: null, account: null, error: null } : null);

  return (
    <div className="credentials">
      {error ? <ErrorText error={error} /> : null}
      <div className="card-pair">
        <CredentialCard
          kind="github"
          title="GitHub token"
          status={orUnknown(github, "github")}
          onStatus={onStatus}
          details={
            githubAccount ? (
              <dl className="figures small">
                <div>
                  <dt>Account</dt>
                  <dd data-testid="github-login">{githubAccount.login}</dd>
                </div>
                <div>
                  <dt>Token</dt>
                  <dd>{githubAccount.token_kind}</dd>
                </div>
                <div>
                  <dt>Scopes</dt>
                  <dd>{githubAccount.scopes === null ? "fine-grained (no scopes)" : githubAccount.scopes.join(", ") || "none"}</dd>
                </div>
                <div>
                  <dt>Rate limit</dt>
                  <dd className="tabular" data-testid="github-rate-limit">
                    {formatCount(githubAccount.rate_limit.remaining)} / {formatCount(githubAccount.rate_limit.limit)} left,
                    resets {formatLocalTime(githubAccount.rate_limit.reset_at)}
                  </dd>
                </div>
                {githubAccount.expires ? (
                  <div>
                    <dt>Expires</dt>
                    <dd>{githubAccount.expires}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null
          }
          input={({ value, onChange, disabled }) => (
            <div className="field">
              <label htmlFor="github-token-input">New token</label>
              <input
                id="github-token-input"
                type="password"
                data-testid="github-token-input"
                autoComplete="off"
                spellCheck={false}
                placeholder="ghp_… or github_pat_…"
                value={value}
                disabled={disabled}
                onChange={(event) => onChange(event.target.value)}
              />
            </div>
          )}
          help="A personal access token (classic or fine-grained). Public data needs no scope. It is checked with GitHub and kept in the OS keychain, never in files."
        />
        <CredentialCard
          kind="gcp"
          title="Google service-account key"
          status={orUnknown(gcp, "gcp")}
          onStatus={onStatus}
          details={
            gcpAccount ? (
              <dl className="figures small">
                <div>
                  <dt>Project</dt>
                  <dd data-testid="gcp-project">{gcpAccount.project_id}</dd>
                </div>
                <div>
                  <dt>Service account</dt>
                  <dd>{gcpAccount.client_email}</dd>
                </div>
              </dl>
            ) : null
          }
          input={({ value, onChange, disabled }) => (
            <div className="field">
              <label htmlFor="gcp-key-input">New key (the JSON file&apos;s contents)</label>
              <textarea
                id="gcp-key-input"
                className="masked"
                data-testid="gcp-key-input"
                rows={5}
                spellCheck={false}
                autoComplete="off"
                placeholder='{"type": "service_account", …}'
                value={value}
                disabled={disabled}
                onChange={(event) => onChange(event.target.value)}
              />
            </div>
          )}
          help="For BigQuery's githubarchive dataset (coming later). The key is checked with Google and kept in the OS keychain."
        />
      </div>
    </div>
  );
}
