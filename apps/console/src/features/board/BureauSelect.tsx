import { BUREAUS } from "@jindu/schema/names";
import type { Lang } from "../../lib/format.ts";

/**
 * The bureau filter. Its own chunk: the thirty bureaus' names in two languages are not needed for
 * the board's first paint (bundle.test.ts holds the first JavaScript to 350 KB).
 */
export default function BureauSelect({
  bureaus,
  value,
  onChange,
  lang,
  label,
  all,
}: {
  bureaus: string[];
  value?: string;
  onChange: (bureau: string | undefined) => void;
  lang: Lang;
  label: string;
  all: string;
}) {
  const nameOf = (b: string) => {
    const n = BUREAUS[b as keyof typeof BUREAUS];
    return n ? (lang === "en" ? n.en : n.zh) : b;
  };
  return (
    <select
      name="bureau"
      className="filter filter-bureau"
      aria-label={label}
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="">{all}</option>
      {bureaus.map((b) => (
        <option key={b} value={b}>
          {nameOf(b)}
        </option>
      ))}
    </select>
  );
}
