// Response types the console imports (types only: no server code reaches the browser bundle).

export type { ErrorBody } from "./errors.ts";
export type { AlertRuleResponse } from "./routes/v1_admin_alert_rules_create.ts";
export type { ListAlertRulesResponse } from "./routes/v1_admin_alert_rules_list.ts";
export type { PreviewAlertRuleResponse } from "./routes/v1_admin_alert_rules_preview.ts";
export type { ListWebhookDeliveriesResponse } from "./routes/v1_admin_webhook_deliveries.ts";
export type { AlertHistoryResponse } from "./routes/v1_alerts_history.ts";
export type { ListAlertsResponse } from "./routes/v1_alerts_list.ts";
export type { LoginResponse } from "./routes/v1_auth_login.ts";
export type { MeResponse } from "./routes/v1_auth_me.ts";
export type { ListProgressResponse } from "./routes/v1_progress_list.ts";
export type { SummaryResponse } from "./routes/v1_summary.ts";
export type { GetTargetResponse } from "./routes/v1_targets_get.ts";
export type { ListTargetsResponse } from "./routes/v1_targets_list.ts";
