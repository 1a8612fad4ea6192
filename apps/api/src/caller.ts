import type { User } from "@jindu/store";

/** Who is calling: a signed-in user, or the service token acting as an admin. */
export type Caller = Pick<User, "id" | "username" | "displayName" | "role" | "bureau">;

/** What the request carried; `invalid`: a token or cookie that opens nothing (expired, signed out). */
export type Credential =
  | { kind: "none" }
  | { kind: "invalid" }
  | { kind: "service" }
  | { kind: "sourceKey"; key: string }
  | { kind: "session"; via: "cookie" | "bearer"; token: string; tokenHash: string; expiresAt: string };
