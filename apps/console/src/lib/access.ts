import type { MeResponse } from "../api/client.ts";

type Role = MeResponse["user"]["role"];

/** The console's areas and the roles that may open them (the API checks the same on every call). */
const AREAS = {
  alerts: ["admin", "leader", "bureau"],
  followups: ["admin", "leader", "bureau"],
  sources: ["admin"],
  upload: ["admin"],
  quarantine: ["admin", "bureau"],
  targets: ["admin"],
  rules: ["admin"],
  users: ["admin"],
  audit: ["admin"],
  settings: ["admin"],
} as const satisfies Record<string, readonly Role[]>;
export type Area = keyof typeof AREAS;

export function mayOpen(me: MeResponse | null | undefined, area: Area): boolean {
  return Boolean(me && (AREAS[area] as readonly Role[]).includes(me.user.role));
}
