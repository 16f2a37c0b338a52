// Why a plan could not be made. A refusal about credentials links to the Credentials page,
// where it is fixed.

import { ErrorText } from "../../components/ErrorText";
import type { WireError } from "../../ipc/bindings";
import { isCredentialProblem } from "../../lib/githubRequest";

export function PlanError({ error, onCredentials }: { error: WireError; onCredentials: () => void }) {
  return (
    <>
      <ErrorText error={error} testId="plan-error" />
      {isCredentialProblem(error.code) ? (
        <button type="button" data-testid="plan-credentials-link" onClick={onCredentials}>
          Open Credentials
        </button>
      ) : null}
    </>
  );
}
