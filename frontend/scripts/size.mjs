// Reports the gzipped size of the built assets and fails the build above the budgets: the entry
// chunk (what every page, the home page included, loads: index.html's script and the chunks it
// imports statically) at most 100 kB, and the chunks loaded on demand (the staff console) at most
// 60 kB together. Also puts back dist/.gitkeep, which Vite's emptyOutDir removes and git keeps for
// the Go embed.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const ENTRY_BUDGET = 100 * 1024;
const ON_DEMAND_BUDGET = 60 * 1024;
const assets = path.join("dist", "assets");

/** The JS files index.html loads, followed through their static imports. */
async function entryFiles() {
  const html = await readFile(path.join("dist", "index.html"), "utf8");
  const pending = [...html.matchAll(/\/assets\/([^"']+\.js)/g)].map((m) => m[1]);
  const seen = new Set();
  while (pending.length > 0) {
    const name = pending.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    const code = await readFile(path.join(assets, name), "utf8");
    // Static imports only ("import … from" / "import '…'"), never import("…").
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"'()]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g)) pending.push(m[1]);
  }
  return seen;
}

const entry = await entryFiles();
let entryTotal = 0;
let onDemandTotal = 0;
for (const name of (await readdir(assets)).sort()) {
  if (!name.endsWith(".js") && !name.endsWith(".css")) continue;
  const size = gzipSync(await readFile(path.join(assets, name)), { level: 9 }).length;
  const kind = name.endsWith(".css") ? "css" : entry.has(name) ? "entry" : "on demand";
  if (kind === "entry") entryTotal += size;
  if (kind === "on demand") onDemandTotal += size;
  console.log(`${name.padEnd(40)} ${(size / 1024).toFixed(1).padStart(7)} kB gzipped  ${kind}`);
}
await writeFile(path.join("dist", ".gitkeep"), "");
console.log(`JavaScript of the entry (home page): ${(entryTotal / 1024).toFixed(1)} kB gzipped (budget ${ENTRY_BUDGET / 1024} kB)`);
console.log(`JavaScript loaded on demand (staff console): ${(onDemandTotal / 1024).toFixed(1)} kB gzipped (budget ${ON_DEMAND_BUDGET / 1024} kB)`);
if (entryTotal > ENTRY_BUDGET || onDemandTotal > ON_DEMAND_BUDGET) {
  console.error("The JavaScript is over its budget: trim dependencies or split code.");
  process.exit(1);
}
