import { BusEnv, parseEnv, StoreEnv } from "@jindu/config";
import type { z } from "zod";

/** The ingest worker's configuration, parsed once at boot. */
export const WorkerEnv = StoreEnv.extend(BusEnv.shape);
export type WorkerEnv = z.infer<typeof WorkerEnv>;

export const loadWorkerEnv = (env: NodeJS.ProcessEnv = process.env): WorkerEnv => parseEnv(WorkerEnv, env);
