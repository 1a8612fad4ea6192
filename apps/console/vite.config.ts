/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.JINDU_API_URL ?? "http://127.0.0.1:8420";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/v1": api, "/openapi.json": api, "/healthz": api } },
  build: { outDir: "dist", emptyOutDir: true },
  // A browser on a shared two-core machine: a page may take seconds to change, never forever.
  test: { expect: { poll: { timeout: 10_000 } } },
});
