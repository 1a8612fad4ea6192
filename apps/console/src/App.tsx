import { useEffect, useMemo, useState } from "react";
import { fetchProgress, fetchTargets, type ProgressItem, type TargetItem } from "./api.ts";

const STATUS_LABEL: Record<ProgressItem["status"], string> = {
  achieved: "已完成",
  green: "序时达标",
  yellow: "略有滞后",
  red: "明显滞后",
  no_data: "暂无数据",
};

const SECTION_LABEL: Record<string, string> = {
  main: "主要预期目标",
  "1": "（一）经济质效",
  "2": "（二）科技创新",
  "3": "（三）改革开放",
  "4": "（四）环境质量",
  "5": "（五）城市功能",
  "6": "（六）乡村振兴",
  "7": "（七）民生保障",
  "8": "（八）示范创建",
  "9": "（九）安全发展",
};

const COMPARATOR: Record<string, string> = { ge: "≥", le: "≤", approx: "≈", range: "" };

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);

function goal(t: TargetItem): string {
  if (t.kind === "qualitative") return "定性";
  const range = t.comparator === "range" && t.high !== undefined ? `${t.value}–${t.high}` : `${t.value}`;
  return `${COMPARATOR[t.comparator] ?? ""}${range}${t.unit}`;
}

/** The leadership board: every target of the report, by section, with its status as of now. */
export function App() {
  const [targets, setTargets] = useState<TargetItem[]>([]);
  const [progress, setProgress] = useState<ProgressItem[]>([]);
  const [asOf, setAsOf] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([fetchTargets(), fetchProgress()])
      .then(([t, p]) => {
        setTargets(t.items);
        setProgress(p.items);
        setAsOf(p.asOf);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const byCode = useMemo(() => new Map(progress.map((p) => [p.code, p])), [progress]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const p of progress) c[p.status] = (c[p.status] ?? 0) + 1;
    return c;
  }, [progress]);
  const sections = useMemo(() => {
    const m = new Map<string, TargetItem[]>();
    for (const t of targets) m.set(t.section, [...(m.get(t.section) ?? []), t]);
    return [...m.entries()];
  }, [targets]);

  return (
    <main>
      <header>
        <h1>
          进度 <small>Jindu</small>
        </h1>
        <p>
          银川市2024年政府工作报告 · 目标 {targets.length} 项 · 截至 {asOf.slice(0, 10)}
        </p>
        <ul className="counts" aria-label="status counts">
          {Object.entries(STATUS_LABEL).map(([status, label]) => (
            <li key={status} className={`pill ${status}`}>
              {label} <b>{counts[status] ?? 0}</b>
            </li>
          ))}
        </ul>
      </header>
      {error && <p role="alert">{error}</p>}
      {sections.map(([section, items]) => (
        <section key={section}>
          <h2>{SECTION_LABEL[section] ?? section}</h2>
          <table>
            <thead>
              <tr>
                <th>指标</th>
                <th>目标</th>
                <th>最新值</th>
                <th>序时进度</th>
                <th>完成度</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => {
                const p = byCode.get(t.code);
                return (
                  <tr key={t.code} data-code={t.code} title={t.quote}>
                    <td>
                      {t.nameZh}
                      <div className="en">{t.nameEn}</div>
                    </td>
                    <td>{goal(t)}</td>
                    <td>{p?.latest ? `${p.latest.value}${p.latest.unit}（${p.latest.period}）` : "—"}</td>
                    <td>{p ? pct(p.timeProgress) : "—"}</td>
                    <td>{p ? pct(p.completion) : "—"}</td>
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
