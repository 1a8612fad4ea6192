import { z } from "@hono/zod-openapi";
import { UserSchema } from "@jindu/schema";

/** The answer of a user's create and update. */
export const UserResponse = z.object({ user: UserSchema });
