import { z } from "zod";

/** The board: `anonymous` lets anyone read it without signing in (a wall display). Off by default. */
export const BoardSettingsSchema = z.object({ anonymous: z.boolean() });
export type BoardSettings = z.infer<typeof BoardSettingsSchema>;
