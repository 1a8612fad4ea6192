import { z } from "zod";

/** admin: everything; leader: reads everything, acknowledges alerts; bureau: its own sources and targets. */
export const RoleSchema = z.enum(["admin", "leader", "bureau"]);
export type Role = z.infer<typeof RoleSchema>;

export const UsernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,47}$/, "username: 2–48 lower case letters, digits, '.', '-' and '_'");

/** Passwords people choose: long enough to resist guessing, short enough not to be a DoS vector. */
export const PASSWORD_RULE = { min: 12, max: 256 } as const;
