import { z } from "zod";
import { BureauSchema } from "./domain.ts";

/** admin: everything; leader: reads everything, acknowledges alerts; bureau: its own sources and targets. */
export const RoleSchema = z.enum(["admin", "leader", "bureau"]);
export type Role = z.infer<typeof RoleSchema>;

/** A user as the API shows it: never the password hash. */
export const UserSchema = z.object({
  id: z.string(),
  // Output only: new usernames are checked with UsernameSchema.
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  /** The bureau code of a `bureau` user; "" for the other roles. */
  bureau: z.string(),
  disabled: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type User = z.infer<typeof UserSchema>;

const UsernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,47}$/, "username: 2–48 lower case letters, digits, '.', '-' and '_'");

/** Passwords people choose: long enough to resist guessing, short enough not to be a DoS vector. */
export const PASSWORD_RULE = { min: 12, max: 256 } as const;

export const PasswordSchema = z
  .string()
  .min(PASSWORD_RULE.min, `at least ${PASSWORD_RULE.min} characters`)
  .max(PASSWORD_RULE.max);

/** A signed-in person changes their own password (the API and the console's form). */
export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: PasswordSchema.meta({ description: "The same rule as for new users" }),
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeSchema>;

/** A new user as an admin creates one (the API and the console's form). */
export const NewUserSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().min(1).max(100),
  role: RoleSchema,
  bureau: BureauSchema.optional().meta({ description: "Required for the bureau role; ignored for the others" }),
  password: PasswordSchema,
});
export type NewUserInput = z.infer<typeof NewUserSchema>;
