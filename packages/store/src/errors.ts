/** The embedded data folder is held by another process (chDB allows one process per folder). */
export class StoreLockedError extends Error {
  constructor(readonly path: string) {
    super(
      `Jindu is already running with data folder ${path} (another process holds it). ` +
        `Stop that process or set JINDU_DATA_DIR to another folder. ` +
        `/ 数据目录 ${path} 已被另一个 Jindu 进程占用，请先停止该进程或设置 JINDU_DATA_DIR。`,
    );
    this.name = "StoreLockedError";
  }
}

const TRANSIENT_CODES = new Set(["159", "164", "202", "203", "209", "210", "241", "243", "252", "425"]);

/** A ClickHouse failure worth retrying (network, overload, timeouts), as opposed to a bad query. */
export function isTransientError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN)$/.test(code)) {
    return true;
  }
  // ClickHouse server codes: 159 TIMEOUT_EXCEEDED, 164 READONLY, 202 TOO_MANY_SIMULTANEOUS_QUERIES,
  // 203 NO_FREE_CONNECTION, 209 SOCKET_TIMEOUT, 210 NETWORK_ERROR, 241 MEMORY_LIMIT_EXCEEDED,
  // 243 NOT_ENOUGH_SPACE (a full disk: writes work again once space is freed), 252 TOO_MANY_PARTS,
  // 425 SYSTEM_ERROR.
  return typeof code === "string" && TRANSIENT_CODES.has(code);
}

/** One line on what a store failure was, for /readyz and logs: the error code and its message. */
export function describeStoreError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const { code, type } = err as { code?: unknown; type?: unknown };
  const label = [typeof type === "string" ? type : null, typeof code === "string" ? code : null].filter(Boolean);
  return `${label.length > 0 ? `${label.join(" ")}: ` : ""}${err.message}`.slice(0, 300);
}
