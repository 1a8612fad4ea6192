import { catalog } from "@jindu/catalog";

/** The year of the report's targets: what a request means when it names none, and what the evaluator judges. */
export const DEFAULT_YEAR = Math.max(...catalog.map((t) => t.year));
