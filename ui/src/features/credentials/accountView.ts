// CheckedAccount is an untagged union on the wire: tell the two kinds apart by their fields.

import type { CheckedAccount, GcpAccount, GithubAccount } from "../../ipc/bindings";

export function isGithubAccount(account: CheckedAccount): account is GithubAccount {
  return "login" in account;
}

export function isGcpAccount(account: CheckedAccount): account is GcpAccount {
  return "client_email" in account;
}
