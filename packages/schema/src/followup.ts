import { z } from "zod";

/**
 * The bodies of the alert and 督办 (follow-up) commands: the API validates with them and the
 * console's forms check the same rules before sending.
 */

export const AssignFollowupSchema = z.object({
  alertKey: z.string().min(3).max(200).meta({ description: "The firing alert (ruleId:code)" }),
  dueDate: z.iso.date().meta({ description: "By when the bureau answers (办理期限)" }),
  note: z.string().max(2000).optional(),
});
export type AssignFollowup = z.infer<typeof AssignFollowupSchema>;

export const AnswerFollowupSchema = z.object({
  explanation: z.string().min(1).max(4000).meta({ description: "Why the target lags (情况说明)" }),
  plan: z.string().min(1).max(4000).meta({ description: "What the bureau will do, by when (整改措施)" }),
});
export type AnswerFollowup = z.infer<typeof AnswerFollowupSchema>;

export const ReviewFollowupSchema = z.object({
  decision: z.enum(["accept", "return"]).meta({ description: "accept closes the case; return sends it back" }),
  note: z.string().max(2000).optional(),
});
export type ReviewFollowup = z.infer<typeof ReviewFollowupSchema>;

export const SilenceAlertSchema = z.object({
  until: z.iso
    .datetime({ offset: true })
    .nullable()
    .meta({ description: "Hold notifications back until then (the state still moves); null lifts the silence" }),
});
export type SilenceAlert = z.infer<typeof SilenceAlertSchema>;
