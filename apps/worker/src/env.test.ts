import { describe, expect, it } from "vitest";
import { loadWorkerEnv } from "./env.ts";

describe("worker configuration", () => {
  it("defaults to the embedded store", () => {
    expect(loadWorkerEnv({})).toMatchObject({ JINDU_STORE: "embedded", JINDU_DATA_DIR: ".jindu/data" });
  });
  it("refuses an unknown store mode at boot", () => {
    expect(() => loadWorkerEnv({ JINDU_STORE: "sqlite" })).toThrow(/JINDU_STORE/);
  });
});
