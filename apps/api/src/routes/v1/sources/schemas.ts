import { z } from "@hono/zod-openapi";
import { NewSourceSchema, SourceSchema } from "@jindu/schema";

// What the source verbs share: the id in the path, and the fields of a source as an admin writes them.

export const SourceIdParams = z.object({ id: SourceSchema.shape.id });

/** Defined once in @jindu/schema; an update takes the same fields, each optional. */
export const CreateSourceBody = NewSourceSchema;
