// One credential: where it stands (checked live by the engine), a field to give a new one,
// Save (checked with GitHub or Google, then stored in the OS keychain) and Remove. The secret
// goes one way, into the engine; nothing here ever shows it.

import { useState, type ReactNode } from "react";
import { ErrorText } from "../../components/ErrorText";
import type { CredentialKind, CredentialStatus, WireError } from "../../ipc/bindings";
import { removeCredential, saveCredential, toWireError } from "../../ipc/client";

interface CredentialCardProps {
  kind: CredentialKind;
  title: string;
  status: CredentialStatus | null;
  onStatus: (status: CredentialStatus) => void;
  /** The account details for a working credential. */
  details: ReactNode;
  input: (props: { value: string; onChange: (value: string) => void; disabled: boolean }) => ReactNode;
  help: ReactNode;
}

export function CredentialCard({ kind, title, status, onStatus, details, input, help }: CredentialCardProps) {
  const [secret, setSecret] = useState("");
  const [working, setWorking] = useState<"saving" | "removing" | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  const save = async () => {
    setWorking("saving");
    setError(null);
    try {
      onStatus(await saveCredential(kind, secret));
      setSecret("");
    } catch (thrown) {
      setError(toWireError(thrown));
    } finally {
      setWorking(null);
    }
  };

  const remove = async () => {
    setWorking("removing");
    setError(null);
    try {
      onStatus(await removeCredential(kind));
    } catch (thrown) {
      setError(toWireError(thrown));
    } finally {
      setWorking(null);
    }
  };

  return (
    <section className="card credential" data-testid={`cred-${kind}`} aria-label={title}>
      <h2>{title}</h2>
      <StatusLine status={status} />
      {status?.account ? details : null}
      {status?.error ? <p className="small warning">{status.error.message}</p> : null}
      <form
        className="credential-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (secret.trim() && !working) void save();
        }}
      >
        {input({ value: secret, onChange: setSecret, disabled: working !== null })}
        <div className="button-row">
          <button
            type="submit"
            className="primary"
            data-testid={`save-${kind}`}
            disabled={!secret.trim() || working !== null}
          >
            {working === "saving" ? "Checking…" : "Save"}
          </button>
          <button
            type="button"
            data-testid={`remove-${kind}`}
            disabled={working !== null || status?.set !== true || status.source !== "keychain"}
            onClick={() => void remove()}
          >
            {working === "removing" ? "Removing…" : "Remove"}
          </button>
        </div>
      </form>
      <div className="error-slot">{error ? <ErrorText error={error} testId={`cred-error-${kind}`} /> : null}</div>
      <div className="small muted">{help}</div>
    </section>
  );
}

function StatusLine({ status }: { status: CredentialStatus | null }) {
  let text: string;
  if (status === null) text = "Checking…";
  else if (status.set === null) text = "Unknown: the keychain could not be read.";
  else if (!status.set) text = "Not set.";
  else if (status.source === "environment") text = "Set by an environment variable (it wins over the keychain).";
  else text = "Set, in the OS keychain.";
  return (
    <p className="cred-status" data-testid="cred-status" data-set={String(status?.set ?? "")}>
      {text}
    </p>
  );
}
