import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * The gzip size of the JavaScript the board loads first: the entry in dist/index.html and every
 * chunk it imports statically (not the drill-down, sign-in or chart chunks, imported on demand).
 */
export function firstLoadBytes(dist = fileURLToPath(new URL("../dist", import.meta.url))) {
  const html = readFileSync(`${dist}/index.html`, "utf8");
  const entries = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(`${dist}/${file}`, "utf8");
    // Static imports only: `import{a}from"./x.js"` or `import"./x.js"`, never `import("./x.js")`.
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{},\s]+from\s*)?["']\.\/([^"']+\.js)["']/g))
      visit(`assets/${m[1]}`);
  };
  for (const e of entries) visit(e);
  const files = [...seen].map((f) => ({ file: f, gzip: gzipSync(readFileSync(`${dist}/${f}`)).length }));
  return { files, total: files.reduce((a, f) => a + f.gzip, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, total } = firstLoadBytes();
  for (const f of files) console.log(`${(f.gzip / 1024).toFixed(1).padStart(8)} KB  ${f.file}`);
  console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  gzip, the board's first JavaScript`);
}
