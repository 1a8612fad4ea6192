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

/** A 督办 case (follow-up) as stored and shown: its current step and what each step added. */
export const FollowupStatusSchema = z.enum(["assigned", "answered", "returned", "closed"]);
export type FollowupStatus = z.infer<typeof FollowupStatusSchema>;

export const FollowupActionSchema = z.enum(["assign", "answer", "accept", "return", "close_on_pace"]);
export type FollowupAction = z.infer<typeof FollowupActionSchema>;

/** What each step adds: the assignment's note, the bureau's explanation and plan, the review. */
export const FollowupBodySchema = z.object({
  note: z.string().max(2000).default(""),
  explanation: z.string().max(4000).default(""),
  plan: z.string().max(4000).default(""),
  review: z.string().max(2000).default(""),
  closedReason: z.enum(["accepted", "back_on_pace"]).nullable().default(null),
});
export type FollowupBody = z.infer<typeof FollowupBodySchema>;

export const FollowupSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  alertKey: z.string(),
  code: z.string(),
  bureau: z.string(),
  status: FollowupStatusSchema,
  dueDate: z.string(),
  action: FollowupActionSchema,
  actor: z.string(),
  at: z.string(),
  ...FollowupBodySchema.shape,
});
export type Followup = z.infer<typeof FollowupSchema>;
