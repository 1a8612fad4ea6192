import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics of one API process. A registry per app instance (not the global one), so
 * tests and several apps in one process do not collide.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: "jindu_http_request_duration_seconds",
    help: "HTTP request latency by route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly ingestRows = new Counter({
    name: "jindu_ingest_rows_total",
    help: "Rows pushed to /v1/ingest by source and outcome",
    labelNames: ["source", "outcome"] as const,
    registers: [this.registry],
  });
  readonly streamClients = new Gauge({
    name: "jindu_stream_clients",
    help: "Connected /v1/stream clients",
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: "jindu_consumer_lag_messages",
    help: "Messages of jindu.observations not yet committed by the ingest consumer group",
    labelNames: ["group"] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "jindu_" });
  }
}
