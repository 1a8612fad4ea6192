import { z } from "@hono/zod-openapi";
import { TargetCodeSchema, TargetSchema } from "@jindu/schema";

// What the target verbs share: the code in the path, and a target as read and as saved.

export const TargetCodeParams = z.object({ code: TargetCodeSchema.meta({ example: "gdp_growth" }) });

export const GetTargetResponse = z.object({ target: TargetSchema, version: z.number().int() });
export type GetTargetResponse = z.infer<typeof GetTargetResponse>;
