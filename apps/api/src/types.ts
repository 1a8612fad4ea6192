// Response types the console imports (types only: no server code reaches the browser bundle).

export type { ErrorBody } from "./errors.ts";
export type { ListWebhookDeliveriesResponse } from "./routes/v1/alertRules/deliveries.ts";
export type { ListAlertRulesResponse } from "./routes/v1/alertRules/list.ts";
export type { PreviewAlertRuleResponse } from "./routes/v1/alertRules/preview.ts";
export type { AlertRuleResponse } from "./routes/v1/alertRules/schemas.ts";
export type { AlertHistoryResponse } from "./routes/v1/alerts/history.ts";
export type { ListAlertsResponse } from "./routes/v1/alerts/list.ts";
export type { LoginResponse } from "./routes/v1/auth/login.ts";
export type { MeResponse } from "./routes/v1/auth/me.ts";
export type { ListProgressResponse } from "./routes/v1/progress/list.ts";
export type { SummaryResponse } from "./routes/v1/summary/get.ts";
export type { ListTargetsResponse } from "./routes/v1/targets/list.ts";
export type { GetTargetResponse } from "./routes/v1/targets/schemas.ts";
