import { UserSchema } from "@jindu/schema";

/** The signed-in person as the API shows them. */
export const SessionUser = UserSchema.pick({ id: true, username: true, displayName: true, role: true, bureau: true });
