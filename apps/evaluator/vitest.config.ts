import { defineConfig } from "vitest/config";

// chDB and a loopback webhook receiver share two cores with the other workspaces' tests: a store
// write can take seconds under that load. Each test still bounds its own waits.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});
