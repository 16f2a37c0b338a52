import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The Tauri shell loads dist/ from disk and, in development, this server on a fixed port
// (tauri.conf.json devUrl), so the port must not drift to another one silently.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // ECharts is one large vendor chunk even tree-shaken; that is expected for a desktop app
    // loading from disk.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    // Pure logic runs in node; component tests opt into jsdom with a file comment.
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
