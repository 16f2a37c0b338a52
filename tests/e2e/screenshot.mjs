// Screenshots of the app's window, taken from the X server (ImageMagick's `import`).
// WebKitWebDriver's own screenshot waits for a composited frame, and the app draws without
// accelerated compositing (src-tauri/src/webview_settings.rs), so that request never returns.
import { execFileSync } from "node:child_process";

/** Saves the visible main window ("Octoscope") as a PNG at `path`. */
export function saveWindowScreenshot(path) {
  const ids = execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^Octoscope$"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter(Boolean);
  if (ids.length === 0) throw new Error("no visible Octoscope window to take a screenshot of");
  execFileSync("import", ["-window", ids[ids.length - 1], path]);
}
