// Desktop performance benchmark (not a test): cold start to the first dashboard painted on the
// sample workspace, idle memory, and switching dashboards on a large workspace. Run through
//   xvfb-run -a -s '-screen 0 1280x800x24' tests/e2e/run.sh APP bench.mjs
// with OCTOSCOPE_WORKSPACE=DIR (the app opens it) for the large workspace (e.g. the 20M-event one the
// chart_queries bench builds under target/bench-data/charts-20m/workspace). Prints JSON lines.
// OCTOSCOPE_BENCH_SMAPS=DIR also saves each process's /proc/PID/smaps at the idle-memory
// measurement, to see which mappings the memory is in.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { remote } from "webdriverio";

import { appPid, processFamily, processName } from "./processes.mjs";
import { saveWindowScreenshot } from "./screenshot.mjs";

const app = process.env.OCTOSCOPE_APP;
const cli = join(dirname(app), "octoscope");
const sampleWorkspace = join(process.env.XDG_DATA_HOME, "octoscope-sample");
const large = process.env.OCTOSCOPE_WORKSPACE;
const launches = Number(process.env.OCTOSCOPE_BENCH_LAUNCHES ?? 5);
const byId = (id) => `[data-testid="${id}"]`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (what, value) => console.log(JSON.stringify({ what, ...value }));

async function launch(args) {
  return remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: { "tauri:options": { application: app, args } },
  });
}

/** Marks the start of a measurement in page time, and from then on notes when each chart card
 * changes state (for the timeline printed with each switch) and when the frame after each chart
 * draw was painted. Draws come from the app itself, which records every ECharts draw as a
 * `performance.measure("draw ...")`; a PerformanceObserver sees each one, then a
 * requestAnimationFrame and a task mark the frame that shows it. That measures in the page: the
 * WebDriver poll below sees a change only when its next request gets through, which on a busy
 * page came 100-300 ms later. (The probe used to watch `data-state` with a MutationObserver's
 * `attributeFilter`; on WebKitGTK 2.50 that saw no change, so a switch never settled.) */
function markStart() {
  const start = performance.now();
  const since = () => Math.round(performance.now() - start);
  window.__probeStart = start;
  window.__probeLog = [];
  window.__probeObserver?.disconnect();
  window.__probeObserver = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.attributeName !== "data-state") continue;
      const id = m.target.dataset.testid?.startsWith("chart-") ? m.target.dataset.testid.slice(6) : null;
      if (id !== null) window.__probeLog.push(`${id} ${m.oldValue}->${m.target.getAttribute("data-state")} ${since()}`);
    }
  });
  window.__probeObserver.observe(document.body, { subtree: true, attributes: true, attributeOldValue: true });
  window.__probePainted = [];
  window.__probeDraws?.disconnect();
  window.__probeDraws = new PerformanceObserver((list) => {
    for (const m of list.getEntries()) {
      if (!m.name.startsWith("draw ") || m.startTime < start) continue;
      requestAnimationFrame(() => setTimeout(() => window.__probePainted.push(since()), 0));
    }
  });
  window.__probeDraws.observe({ entryTypes: ["measure"] });
}

/** Polls (about every 30 ms) until every chart card that was asked for is drawn (or failed),
 * for `repo` when given (a switch must not count the previous repository's charts). Returns ms
 * since markStart: when the last of them was painted if markStart set a probe, else when the
 * poll saw it (page time since navigation start, for the cold start). Cards far below the window
 * stay "waiting" (they load when scrolled to): `lastCounts` says how many were drawn and how
 * many waited. */
let lastCounts = null;
/** The cards as the last poll saw them, for the message when a wait times out. */
let lastCards = [];
async function settledMs(browser, repo = null) {
  let settledAt = null;
  await browser.waitUntil(
    async () => {
      const { cards, now, paintsAfterDraws } = await browser.execute(() => ({
        cards: [...document.querySelectorAll('[data-testid^="chart-"][data-state]')].map((c) => ({
          id: c.getAttribute("data-testid").slice(6),
          state: c.getAttribute("data-state"),
          repos: c.getAttribute("data-repos"),
        })),
        now: performance.now() - window.__probeStart,
        paintsAfterDraws: window.__probePainted ?? null,
      }));
      lastCards = cards;
      const asked = cards.filter((card) => card.state !== "waiting");
      const done = (card) =>
        (card.state === "ready" || card.state === "failed") && (repo === null || card.repos === repo);
      const drawn = asked.filter((card) => card.state === "ready").length;
      if (asked.length > 0 && asked.every(done) && (paintsAfterDraws === null || paintsAfterDraws.length >= drawn)) {
        settledAt = paintsAfterDraws === null || paintsAfterDraws.length === 0 ? now : Math.max(...paintsAfterDraws);
        lastCounts = { charts_drawn: asked.length, charts_waiting_below: cards.length - asked.length };
      }
      return settledAt !== null;
    },
    { timeout: 180_000, interval: 30, timeoutMsg: "the dashboard did not settle" },
  );
  return settledAt;
}

/** Proportional set size (kB) of a process and all its descendants (the WebKit processes). */
function memoryOf(rootPid) {
  const family = processFamily(rootPid);
  let pss = 0;
  let rss = 0;
  // Per process too: which of the app and WebKit's web and network processes to work on.
  const by_process = {};
  for (const pid of family) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const processPss = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += processPss;
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      const name = processName(pid);
      by_process[name] = (by_process[name] ?? 0) + Math.round(processPss / 1024);
    } catch {}
  }
  return { processes: family.size, pss_mb: Math.round(pss / 1024), rss_mb: Math.round(rss / 1024), by_process };
}

/** Copies the smaps of a process and its descendants into `dir`, one file per process. */
function saveSmaps(dir, rootPid) {
  for (const pid of processFamily(rootPid)) {
    try {
      writeFileSync(join(dir, `smaps-${processName(pid)}-${pid}`), readFileSync(`/proc/${pid}/smaps`, "utf8"));
    } catch {} // the process ended between listing and reading
  }
}

// The sample workspace, built once with the CLI (the app would build the same on first open).
execFileSync(cli, ["--workspace", sampleWorkspace, "demo"], { stdio: "ignore" });

const coldStarts = [];
let memory = null;
let welcomeMemory = null;
for (let i = 0; i < launches; i += 1) {
  const requested = Date.now();
  const browser = await launch(["--sample"]);
  const sessionReady = Date.now();
  const nav = await browser.$(byId("nav-dashboards"));
  await nav.waitForClickable({ timeout: 30_000 });
  let paused = 0;
  if (i === launches - 1) {
    // The floor: the same processes on the welcome page, before any chart exists. The pause is
    // taken out of this launch's cold-start figures below.
    const pausedAt = Date.now();
    await browser.pause(5_000);
    welcomeMemory = memoryOf(appPid(app));
    paused = Date.now() - pausedAt;
  }
  await browser.execute(() => (window.__probeStart = 0));
  await nav.click();
  const sincePageStart = await settledMs(browser);
  const painted = Date.now();
  coldStarts.push({
    wall_ms: painted - requested - paused,
    session_ms: sessionReady - requested,
    page_ms: Math.round(sincePageStart - paused),
  });
  if (i === launches - 1) {
    await browser.pause(10_000); // idle: charts drawn, nothing running
    const pid = appPid(app);
    memory = memoryOf(pid);
    if (process.env.OCTOSCOPE_BENCH_SMAPS) saveSmaps(process.env.OCTOSCOPE_BENCH_SMAPS, pid);
  }
  await browser.deleteSession();
}
report("cold start to first dashboard painted (sample workspace)", {
  launches,
  ...lastCounts,
  median_wall_ms: median(coldStarts.map((c) => c.wall_ms)),
  median_page_ms: median(coldStarts.map((c) => c.page_ms)),
  median_webdriver_session_ms: median(coldStarts.map((c) => c.session_ms)),
  runs: coldStarts,
});
report("idle memory on the welcome page, before any chart (app + WebKit processes)", welcomeMemory);
report("idle memory after the first dashboard (app + WebKit processes)", memory);

if (large) {
  const browser = await launch([]);
  let expected = null;
  // The switch is timed from the key that makes it (Enter on a typed name), not from typing the
  // name: WebDriver types one key per request, which took longer than the switch itself.
  const settle = async (action) => {
    await action();
    try {
      return Math.round(await settledMs(browser, expected));
    } catch (error) {
      saveWindowScreenshot(join(process.env.OCTOSCOPE_E2E_SCRATCH, "bench-failed.png"));
      const cards = lastCards.map((card) => `${card.id} ${card.state} ${card.repos}`).join(", ");
      const probe = await browser.execute(() => JSON.stringify(window.__probeLog));
      throw new Error(`${error.message} (waiting for ${expected}; cards: ${cards}; probe: ${probe})`);
    }
  };
  await (await browser.$(byId("nav-dashboards"))).waitForClickable({ timeout: 60_000 });
  const repo = async (name) => {
    expected = name;
    const input = await browser.$(byId("repo-input"));
    await input.clearValue();
    await input.setValue(name);
    await browser.execute(markStart);
    await browser.keys("Enter");
  };
  await (await browser.$(byId("nav-dashboards"))).click();
  const tab = await browser.$(byId("mode-repository"));
  await tab.waitForClickable({ timeout: 120_000 }).catch(async (error) => {
    saveWindowScreenshot(join(process.env.OCTOSCOPE_E2E_SCRATCH, "bench-failed.png"));
    throw error;
  });
  await tab.click();
  // The dashboard may open on one of the two already (the workspace's busiest repository): the
  // first switch must go to the other, or nothing changes and nothing can be timed.
  await browser.pause(2_000);
  const shown = await browser.execute(() => document.querySelector('[data-testid^="chart-"][data-repos]')?.dataset.repos);
  const [a, b] = shown === "acme/rocket" ? ["octo-org/octoscope", "acme/rocket"] : ["acme/rocket", "octo-org/octoscope"];
  const first = await settle(() => repo(a));
  const switches = [];
  const timelines = [];
  for (const name of [b, a, b, a, b]) {
    switches.push(await settle(() => repo(name)));
    timelines.push(
      await browser.execute(() =>
        [
          ...window.__probeLog,
          ...performance
            .getEntriesByType("measure")
            .filter((m) => m.startTime >= window.__probeStart)
            .map((m) => `${m.name} ${Math.round(m.startTime - window.__probeStart)}+${Math.round(m.duration)}`),
        ].join(", "),
      ),
    );
  }
  report("switching the repository dashboard (large workspace)", {
    workspace: large,
    first_open_ms: first,
    median_switch_ms: median(switches),
    ...lastCounts,
    switches_ms: switches,
    // Per switch: each card's state changes, in ms from the Enter.
    timelines,
  });
  await browser.deleteSession();
}
