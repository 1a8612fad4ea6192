/**
 * A Kafka broker of a test's own (infra/kafka/kafka.sh with its own JINDU_KAFKA_HOME and free
 * ports), for tests that stop and restart it. The shared broker in KAFKA_BROKERS is never touched.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../../../infra/kafka/kafka.sh", import.meta.url));

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type OwnBroker = {
  brokers: string[];
  /** Starts it (again, on the same data). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Freezes it (SIGSTOP), as a long GC pause or a stalled host would: connections stay open and
   * requests already sent wait in its sockets, to be handled once it is resumed (SIGCONT).
   */
  pause(): void;
  resume(): void;
  /** Stops it and deletes its folder. */
  remove(): Promise<void>;
};

export async function ownBroker(): Promise<OwnBroker> {
  const home = mkdtempSync(join(tmpdir(), "jindu-own-kafka-"));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    JINDU_KAFKA_HOME: home,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
  };
  const run = (command: string) =>
    new Promise<void>((resolve, reject) => {
      execFile("bash", [SCRIPT, command], { env, timeout: 120_000 }, (error, _stdout, stderr) =>
        error ? reject(new Error(`kafka.sh ${command} failed: ${error.message}\n${stderr}`)) : resolve(),
      );
    });
  /** The broker's own process, as kafka.sh recorded it. */
  const pid = () => Number(readFileSync(join(home, "run", "kafka.pid"), "utf8").trim());
  return {
    brokers: [`127.0.0.1:${port}`],
    start: () => run("start"),
    stop: () => run("stop"),
    pause: () => process.kill(pid(), "SIGSTOP"),
    resume: () => process.kill(pid(), "SIGCONT"),
    async remove() {
      try {
        process.kill(pid(), "SIGCONT"); // a broker left frozen would not hear the stop
      } catch {
        // not running
      }
      await run("stop").catch(() => {});
      rmSync(home, { recursive: true, force: true });
    },
  };
}
