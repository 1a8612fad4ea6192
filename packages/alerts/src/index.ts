// The rule schema lives in @jindu/schema, where the console's form can use it too.
export {
  type AlertCondition,
  AlertConditionSchema,
  type AlertRule,
  type AlertRuleInput,
  AlertRuleSchema,
  AlertScopeSchema,
  type Channel,
  ChannelSchema,
  ForDurationSchema,
  RuleIdSchema,
  recoveryThreshold,
  type Severity,
  SeveritySchema,
} from "@jindu/schema";
export {
  conditionApplies,
  type EvaluationInput,
  type EvaluationResult,
  evaluateCondition,
  evaluationError,
  matchesScope,
  ruleApplies,
  type Staleness,
} from "./evaluate.ts";
export {
  type AlertEvent,
  AlertEventSchema,
  type AlertState,
  AlertStateNameSchema,
  AlertStateSchema,
  initialState,
  replay,
  type StepResult,
  step,
} from "./machine.ts";
export {
  alertKey,
  type Notification,
  NotificationKindSchema,
  NotificationSchema,
  notificationId,
} from "./notification.ts";
export { type PreviewExtras, previewRule } from "./preview.ts";
export { type Bilingual, BilingualSchema } from "./text.ts";
