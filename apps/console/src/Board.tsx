import { useEffect, useMemo, useState } from "react";
import {
  clocksQuery,
  fetchProgress,
  fetchSummary,
  fetchTargets,
  type MeResponse,
  type ProgressItem,
  type SummaryResponse,
  type TargetItem,
} from "./api.ts";

const STATUS_LABEL: Record<ProgressItem["status"], string> = {
  achieved: "已完成",
  green: "序时达标",
  yellow: "略有滞后",
  red: "明显滞后",
  no_data: "暂无数据",
};
const COMPARATOR: Record<string, string> = { ge: "≥", le: "≤", approx: "≈", range: "" };
const SECTION_ORDER = ["main", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);

/** Completion for volume targets and reductions; the difference from the target for rates and levels. */
function measure(p: ProgressItem): string {
  if (p.completion !== null) return pct(p.completion);
  if (p.difference === null) return "—";
  const unit = p.latest?.unit === "%" ? "个百分点" : (p.latest?.unit ?? "");
  return `${p.difference > 0 ? "+" : ""}${p.difference}${unit}`;
}

function goal(t: TargetItem): string {
  if (t.kind === "qualitative") return "定性";
  const range = t.comparator === "range" && t.high !== undefined ? `${t.value}–${t.high}` : `${t.value}`;
  return `${COMPARATOR[t.comparator] ?? ""}${range}${t.unit}`;
}

/** Keeps the board live: every `progress` event on /v1/stream replaces that target's row. */
function useLiveProgress(initial: ProgressItem[], enabled: boolean): [ProgressItem[], boolean] {
  const [items, setItems] = useState(initial);
  const [live, setLive] = useState(false);
  useEffect(() => setItems(initial), [initial]);
  useEffect(() => {
    if (!enabled) {
      setLive(false);
      return;
    }
    const source = new EventSource("/v1/stream");
    source.addEventListener("ready", () => setLive(true));
    source.addEventListener("error", () => setLive(false));
    source.addEventListener("progress", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { progress: ProgressItem };
      setItems((prev) => prev.map((p) => (p.code === data.progress.code ? data.progress : p)));
    });
    return () => source.close();
  }, [enabled]);
  return [items, live];
}

/** The leadership board: the headline, then every target of the report by section. */
export function Board({ user, onSignOut }: { user: MeResponse["user"] | null; onSignOut: () => void }) {
  const [targets, setTargets] = useState<TargetItem[]>([]);
  const [initial, setInitial] = useState<ProgressItem[]>([]);
  const [summary, setSummary] = useState<SummaryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Both empty: today, as known now, with live updates. asOf: the board at the end of that day (the
  // periods over by then); knownAt: only what had been reported by then. Either set: no live updates.
  const [asOf, setAsOf] = useState("");
  const [knownAt, setKnownAt] = useState("");
  const [progress, live] = useLiveProgress(initial, asOf === "" && knownAt === "");
  const clocks = clocksQuery({ asOf, knownAt });

  useEffect(() => {
    const c = { asOf, knownAt };
    Promise.all([fetchTargets(), fetchProgress(c), fetchSummary(c)])
      .then(([t, p, s]) => {
        setTargets(t.items);
        setInitial(p.items);
        setSummary(s);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [asOf, knownAt]);

  const byCode = useMemo(() => new Map(progress.map((p) => [p.code, p])), [progress]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const p of progress) c[p.status] = (c[p.status] ?? 0) + 1;
    return c;
  }, [progress]);
  const sections = useMemo(() => {
    const m = new Map<string, TargetItem[]>();
    for (const t of targets) m.set(t.section, [...(m.get(t.section) ?? []), t]);
    return SECTION_ORDER.flatMap((s) => {
      const items = m.get(s);
      return items ? [[s, items] as const] : [];
    });
  }, [targets]);
  const sectionName = (s: string) => summary?.sections.find((x) => x.section === s)?.name.zh ?? s;

  return (
    <main>
      <header>
        <div className="bar">
          <h1>
            进度 <small>Jindu</small>
          </h1>
          <span className={`live ${live ? "on" : ""}`}>{live ? "● 实时" : "○ 离线"}</span>
          {user ? (
            <span className="who">
              {user.displayName || user.username} · {user.role}{" "}
              <button type="button" onClick={onSignOut}>
                退出 Sign out
              </button>
            </span>
          ) : (
            <span className="who">公开看板 Public board</span>
          )}
        </div>
        <p>银川市2024年政府工作报告 · 目标 {targets.length} 项</p>
        {summary && <p className="headline">{summary.headline.zh}</p>}
        <ul className="counts" aria-label="status counts">
          {Object.entries(STATUS_LABEL).map(([status, label]) => (
            <li key={status} className={`pill ${status}`}>
              {label} <b>{counts[status] ?? 0}</b>
            </li>
          ))}
        </ul>
        <div className="asof">
          <label>
            截至 As of <input type="date" name="asOf" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </label>{" "}
          <label>
            数据截至 Known at{" "}
            <input type="date" name="knownAt" value={knownAt} onChange={(e) => setKnownAt(e.target.value)} />
          </label>
          {(asOf || knownAt) && (
            <button
              type="button"
              onClick={() => {
                setAsOf("");
                setKnownAt("");
              }}
            >
              实时 Now
            </button>
          )}
        </div>
        <p className="exports">
          <a href={`/v1/progress.xlsx${clocks}`}>导出 Excel</a> · <a href={`/v1/progress.csv${clocks}`}>导出 CSV</a>
          {user && (
            <>
              {" "}
              · <a href={`/v1/reports/bulletin.docx${clocks}`}>进度通报 Word</a>
            </>
          )}{" "}
          · <a href="/docs">API</a>
        </p>
      </header>
      {error && <p role="alert">{error}</p>}
      {sections.map(([section, items]) => (
        <section key={section}>
          <h2>{sectionName(section)}</h2>
          <table>
            <thead>
              <tr>
                <th>指标</th>
                <th>目标</th>
                <th>最新值</th>
                <th>序时进度</th>
                <th>完成度/差值</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => {
                const p = byCode.get(t.code);
                return (
                  <tr key={t.code} data-code={t.code} data-status={p?.status ?? "qualitative"} title={t.quote}>
                    <td>
                      {t.nameZh}
                      <div className="en">{t.nameEn}</div>
                    </td>
                    <td>{goal(t)}</td>
                    <td>{p?.latest ? `${p.latest.value}${p.latest.unit}（${p.latest.period}）` : "—"}</td>
                    <td>{p ? pct(p.timeProgress) : "—"}</td>
                    <td>{p ? measure(p) : "—"}</td>
                    <td>{p ? <span className={`pill ${p.status}`}>{STATUS_LABEL[p.status]}</span> : "定性"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </main>
  );
}
