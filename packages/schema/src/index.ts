export * from "./calendar.ts";
export * from "./domain.ts";
export * from "./observation.ts";
export * from "./quantity.ts";
export * from "./target.ts";
export * from "./thresholds.ts";
export * from "./unitSchema.ts";
export * from "./units.ts";
