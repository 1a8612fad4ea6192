import type { FormRule } from "antd";

/** A zod schema, as far as a form needs one (the console takes its schemas from @jindu/schema). */
type Checks = { safeParse(value: unknown): { success: boolean } };

/** An antd Form rule that applies one field's schema (the API's own), with our message. */
export function zodRule(schema: Checks, message: string): FormRule {
  return {
    validator: (_, value: unknown) =>
      schema.safeParse(value === "" ? undefined : value).success
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}
