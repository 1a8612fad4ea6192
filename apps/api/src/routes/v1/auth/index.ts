import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerLogin } from "./login.ts";
import { registerLogout } from "./logout.ts";
import { registerMe } from "./me.ts";
import { registerChangePassword } from "./password.ts";

/** Sign in, sign out, who am I, change my password. */
export function registerAuthRoutes(app: OpenAPIHono<AppEnv>) {
  registerLogin(app);
  registerLogout(app);
  registerMe(app);
  registerChangePassword(app);
}
