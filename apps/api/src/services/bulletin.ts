import { catalog } from "@jindu/catalog";
import { headlineValue, type Progress } from "@jindu/progress";
import { BUREAUS, formatQuantityZh, isQuantitative, SECTION_NAMES, SECTIONS, type Target } from "@jindu/schema";
import { type Followup, listFollowups } from "@jindu/store";
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { AppContext, Caller } from "../context.ts";
import { cityClock, STATUS_ZH } from "./export.ts";
import { listProgress } from "./progress.ts";
import { getSummary } from "./summary.ts";
import { listTargets } from "./targets.ts";

/**
 * The monthly bulletin (进度通报) a supervision office circulates: title and dates, the headline in
 * the bureaus' words, a table per section, and the lagging targets with their responsible bureau
 * and open follow-ups. Every figure is the one `/v1/progress` answers for the same clocks.
 */

const CATALOG_ORDER = new Map(catalog.map((t, i) => [`${t.year}/${t.code}`, i]));

const FOLLOWUP_STATUS_ZH: Record<string, string> = {
  assigned: "已交办",
  answered: "已反馈",
  returned: "已退回",
  closed: "已办结",
};

const BULLETIN_COLUMNS = ["指标", "目标", "最新数据", "序时进度", "完成度/与目标差值", "状态"] as const;

/** The cells of one target's row, as printed: the test reads them back and compares with the API. */
function bulletinRow(target: Target, p: Progress | undefined): string[] {
  const goal = isQuantitative(target) ? goalZh(target) : "定性";
  if (!p || !isQuantitative(target)) return [target.nameZh, goal, "—", "—", "—", "—"];
  const value = headlineValue(target, p);
  const latest =
    value === null || !p.latest ? "—" : `${periodZh(p.latest.period)} ${formatQuantityZh(value, target.unit)}`;
  return [target.nameZh, goal, latest, percentZh(p.timeProgress), measureZh(p), statusZh(p)];
}

function goalZh(t: Extract<Target, { unit: unknown }>): string {
  const v = formatQuantityZh(t.value, t.unit);
  switch (t.comparator) {
    case "ge":
      return t.kind === "reduction" ? `压降${v}` : `≥${v}`;
    case "le":
      return `≤${v}`;
    case "approx":
      return `${v}左右`;
    case "range":
      return `${formatQuantityZh(t.value, t.unit).replace(t.unit, "")}—${formatQuantityZh(t.high ?? t.value, t.unit)}`;
  }
}

function periodZh(period: string): string {
  const [y, rest] = period.split("-");
  if (rest === undefined) return `${y}年`;
  if (rest.startsWith("Q")) return `${y}年${["一", "二", "三", "四"][Number(rest.slice(1)) - 1]}季度`;
  return `${y}年${Number(rest)}月`;
}

const percentZh = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Completion for volume targets and reductions; the difference in pp (or units) for rates and levels. */
function measureZh(p: Progress): string {
  if (p.completion !== null) return `完成${percentZh(p.completion)}`;
  if (p.difference === null) return "—";
  const size = Math.abs(p.difference);
  const unit = p.latest?.unit === "%" ? "个百分点" : (p.latest?.unit ?? "");
  if (size === 0) return "与目标持平";
  return `${p.difference > 0 ? "高于" : "低于"}目标${p.latest?.unit === "%" ? size.toFixed(1) : size}${unit}`;
}

function statusZh(p: Progress): string {
  const base = STATUS_ZH[p.status];
  if (p.verdict === "missed") return `${base}（未完成）`;
  return p.stale ? `${base}（数据逾期）` : base;
}

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold, size: 21 })] })],
    width: { size: 100 / BULLETIN_COLUMNS.length, type: WidthType.PERCENTAGE },
  });

const line = { style: BorderStyle.SINGLE, size: 4, color: "808080" };

function table(rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, children: BULLETIN_COLUMNS.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) })),
    ],
  });
}

const para = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 120 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 24 })],
  });

const dateZh = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

export type BulletinInput = { year: number; asOf?: string; knownAt?: string };

/** The bulletin as a Word document (.docx). Open follow-ups follow the caller's scope. */
export async function buildBulletin({
  ctx,
  caller,
  input,
}: {
  ctx: Pick<AppContext, "now" | "progressCache" | "store">;
  caller: Caller;
  input: BulletinInput;
}): Promise<{ asOf: string; knownAt: string; docx: Buffer }> {
  const [progress, summary, targets, followups] = await Promise.all([
    listProgress({ ctx, input }),
    getSummary({ ctx, input }),
    listTargets({ ctx, input: { year: input.year } }),
    listFollowups(ctx.store, { open: true, bureau: caller.role === "bureau" ? caller.bureau : undefined }),
  ]);
  const byCode = new Map(progress.items.map((p) => [p.code, p]));
  const quantitative = targets.filter(isQuantitative);
  const t = summary.totals;
  const children: (Paragraph | Table)[] = [
    para(`银川市${input.year}年政府工作报告主要目标任务进度通报`, { bold: true, size: 36, center: true }),
    para(`（截至${dateZh(progress.asOf)}，数据截至${dateZh(cityClock(progress.knownAt))}）`, { center: true }),
    para(summary.headline.zh),
    para(
      `全部${quantitative.length}项量化指标中，已完成${t.achieved}项，序时达标${t.green}项，略有滞后${t.yellow}项，明显滞后${t.red}项，暂无数据${t.no_data}项。`,
    ),
  ];
  // In the report's order where the target is the catalog's, else by code.
  const rank = (x: Target) => CATALOG_ORDER.get(`${x.year}/${x.code}`) ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...quantitative].sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
  for (const section of SECTIONS) {
    const inSection = ordered.filter((x) => x.section === section);
    if (inSection.length === 0) continue;
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(SECTION_NAMES[section].zh)] }),
      table(inSection.map((x) => bulletinRow(x, byCode.get(x.code)))),
    );
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("滞后指标及督办情况")] }));
  const lagging = ordered.filter((x) => {
    const s = byCode.get(x.code)?.status;
    return s === "yellow" || s === "red";
  });
  if (lagging.length === 0) children.push(para("无滞后指标。"));
  for (const x of lagging) children.push(...laggingLines(x, byCode.get(x.code), followups));
  const doc = new Document({
    creator: "Jindu",
    title: `进度通报 ${progress.asOf}`,
    styles: { default: { document: { run: { font: "SimSun", size: 24 } } } },
    sections: [{ children }],
  });
  return { asOf: progress.asOf, knownAt: progress.knownAt, docx: await Packer.toBuffer(doc) };
}

function laggingLines(target: Target, p: Progress | undefined, followups: readonly Followup[]): Paragraph[] {
  const bureau = BUREAUS[target.bureau].zh;
  const lines = [para(`${target.nameZh}（责任单位：${bureau}）：${p?.explanation.textZh ?? ""}`, { bold: false })];
  for (const f of followups.filter((x) => x.code === target.code)) {
    const note = f.note ? `${f.note}；` : "";
    lines.push(para(`    督办：${note}办理期限${f.dueDate}，${FOLLOWUP_STATUS_ZH[f.status] ?? f.status}。`));
  }
  return lines;
}
