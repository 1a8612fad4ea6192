import { REGIONS, type Region, UNITS, type Unit } from "@jindu/schema";

const REGION_SET: ReadonlySet<string> = new Set(REGIONS);

export const isRegion = (v: string): v is Region => REGION_SET.has(v);
export const isUnit = (v: string): v is Unit => Object.hasOwn(UNITS, v);
