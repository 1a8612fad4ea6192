/** Helpers for tests that sign people in (`auth.test.ts`, `roles.test.ts`). */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createUser, type NewUser } from "@jindu/auth";
import type { Store, User } from "@jindu/store";
import type { AppEnv } from "../src/context.ts";
import { LoginResponse } from "../src/routes/v1/auth/login.ts";

type App = OpenAPIHono<AppEnv>;

/** Creates a user straight in the store (the password is hashed as usual). */
export async function addUser(store: Store, input: Partial<NewUser> & Pick<NewUser, "username">): Promise<User> {
  const created = await createUser(
    store,
    { displayName: input.username, role: "leader", bureau: "", password: `${input.username}-password`, ...input },
    "test",
  );
  if ("conflict" in created) throw new Error(`user ${input.username} exists`);
  return created;
}

export function login(app: App, username: string, password: string, headers: Record<string, string> = {}) {
  return app.request("/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username, password }),
  });
}

/** Signs in and returns the session (fails the test on anything but 200). */
export async function signIn(app: App, username: string, password = `${username}-password`) {
  const res = await login(app, username, password);
  if (res.status !== 200) throw new Error(`sign-in of ${username}: HTTP ${res.status} ${await res.text()}`);
  return LoginResponse.parse(await res.json());
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
