import type { ReactNode } from "react";

/** Every page's head, the same everywhere: its title, a sentence on what it is for, its main action. */
export function PageHeader({ title, intro, extra }: { title: string; intro?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1 className="page-title">{title}</h1>
        {intro && <p className="page-intro">{intro}</p>}
      </div>
      {extra && <div className="page-actions">{extra}</div>}
    </div>
  );
}
