// Reports the gzipped size of the built JavaScript and fails the build above the budgets: the
// entry (what index.html loads, so what the home page downloads) at most 100 kB, the chunks
// loaded on demand (the staff console) at most 60 kB together. Also puts back dist/.gitkeep,
// which Vite's emptyOutDir removes and git keeps for the Go embed.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const ENTRY_BUDGET = 100 * 1024;
const ON_DEMAND_BUDGET = 60 * 1024;
const assets = path.join("dist", "assets");
const html = await readFile(path.join("dist", "index.html"), "utf8");
const entryNames = new Set([...html.matchAll(/\/assets\/([^"']+\.js)/g)].map((m) => m[1]));
let entry = 0;
let onDemand = 0;
for (const name of (await readdir(assets)).sort()) {
  if (!name.endsWith(".js") && !name.endsWith(".css")) continue;
  const size = gzipSync(await readFile(path.join(assets, name)), { level: 9 }).length;
  if (name.endsWith(".js")) {
    if (entryNames.has(name)) entry += size;
    else onDemand += size;
  }
  const kind = name.endsWith(".css") ? "" : entryNames.has(name) ? " (entry)" : " (on demand)";
  console.log(`${name.padEnd(40)} ${(size / 1024).toFixed(1).padStart(7)} kB gzipped${kind}`);
}
await writeFile(path.join("dist", ".gitkeep"), "");
console.log(`JavaScript of the entry: ${(entry / 1024).toFixed(1)} kB gzipped (budget ${ENTRY_BUDGET / 1024} kB)`);
console.log(`JavaScript loaded on demand: ${(onDemand / 1024).toFixed(1)} kB gzipped (budget ${ON_DEMAND_BUDGET / 1024} kB)`);
if (entry > ENTRY_BUDGET || onDemand > ON_DEMAND_BUDGET) {
  console.error("The JavaScript is over its budget: trim dependencies or split code.");
  process.exit(1);
}
