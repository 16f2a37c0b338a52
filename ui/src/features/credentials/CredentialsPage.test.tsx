// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);

import { App } from "../../app/App";
import type { CredentialStatus } from "../../ipc/bindings";
import { callsOf, setHandlers } from "../../test/tauriMock";

const unset = (kind: "github" | "gcp"): CredentialStatus => ({ kind, set: false, source: null, account: null, error: null });

const github: CredentialStatus = {
  kind: "github",
  set: true,
  source: "keychain",
  account: {
    login: "octocat",
    token_kind: "classic personal access token",
    scopes: ["read:org"],
    expires: null,
    rate_limit: { limit: 5000, remaining: 4990, reset_at: 1_705_312_800 },
  },
  error: null,
};

afterEach(cleanup);

describe("Credentials", () => {
  beforeEach(() => setHandlers({ credentials_status: () => [unset("github"), unset("gcp")] }));

  it("checks and saves a token, then clears the field and shows the account", async () => {
    setHandlers({ credentials_status: () => [unset("github"), unset("gcp")], save_credential: () => github });
    render(<App initialPage="credentials" />);
    const card = screen.getByTestId("cred-github");
    await waitFor(() => expect(within(card).getByTestId("cred-status").textContent).toBe("Not set."));
    const input = screen.getByTestId("github-token-input") as HTMLInputElement;
    expect(input.type).toBe("password");
    fireEvent.change(input, { target: { value: "ghp_secret123" } });
    fireEvent.click(screen.getByTestId("save-github"));
    await waitFor(() => expect(within(card).getByTestId("github-login").textContent).toBe("octocat"));
    expect(input.value).toBe("");
    expect(within(card).getByTestId("github-rate-limit").textContent).toContain("4,990 / 5,000");
    expect(callsOf("save_credential")[0]).toEqual({ kind: "github", secret: "ghp_secret123" });
    expect(document.body.textContent).not.toContain("ghp_secret123");
  });

  it("shows why a key was refused and keeps it out of the page", async () => {
    setHandlers({
      credentials_status: () => [unset("github"), unset("gcp")],
      save_credential: () => {
        throw { code: "credential_invalid", message: "Google refused the key: invalid_grant" };
      },
    });
    render(<App initialPage="credentials" />);
    fireEvent.change(screen.getByTestId("gcp-key-input"), { target: { value: '{"private_key":"k"}' } });
    fireEvent.click(screen.getByTestId("save-gcp"));
    expect((await screen.findByTestId("cred-error-gcp")).textContent).toBe("Google refused the key: invalid_grant");
    expect(screen.queryByTestId("cred-error-github")).toBeNull();
  });
});
