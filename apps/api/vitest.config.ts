import { defineConfig } from "vitest/config";

// The API's tests run real engines side by side on two shared cores (chDB per file, the Kafka
// broker, the fuzz campaign): a password check or a store write can take seconds under that load.
// The default 5 s per test is too tight for them; each test still bounds its own waits.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});
