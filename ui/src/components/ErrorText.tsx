import type { WireError } from "../ipc/bindings";

/** An engine error as a person reads it: the message, which says what to do. */
export function ErrorText({ error, testId }: { error: WireError | string; testId?: string }) {
  const message = typeof error === "string" ? error : error.message;
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
