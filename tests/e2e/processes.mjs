// The app's processes as the kernel sees them: the app itself and the WebKit processes it
// starts (web content, network), found through /proc.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

/** The newest process whose command line names `app` (the binary under test). */
export function appPid(app) {
  const pids = execFileSync("pgrep", ["-f", "-n", app], { encoding: "utf8" }).trim().split("\n");
  return Number(pids[pids.length - 1]);
}

/** `rootPid` and every process descended from it. */
export function processFamily(rootPid) {
  const parents = new Map();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      parents.set(Number(pid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  const family = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) if (family.has(parent) && !family.has(pid)) family.add(pid), (grew = true);
  }
  return family;
}

/** The short name the kernel shows for `pid` (15 characters at most). */
export const processName = (pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim();

/** The environment `pid` was started with, as a Map. */
export function processEnvironment(pid) {
  const pairs = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
  return new Map(
    pairs.map((pair) => {
      const equals = pair.indexOf("=");
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
}
