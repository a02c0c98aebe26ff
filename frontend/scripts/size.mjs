// Reports the gzipped size of the built JavaScript and fails the build above the budget; also
// puts back dist/.gitkeep, which Vite's emptyOutDir removes and git keeps for the Go embed.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 100 * 1024;
const assets = path.join("dist", "assets");
let total = 0;
for (const name of (await readdir(assets)).sort()) {
  if (!name.endsWith(".js") && !name.endsWith(".css")) continue;
  const size = gzipSync(await readFile(path.join(assets, name)), { level: 9 }).length;
  if (name.endsWith(".js")) total += size;
  console.log(`${name.padEnd(40)} ${(size / 1024).toFixed(1).padStart(7)} kB gzipped`);
}
await writeFile(path.join("dist", ".gitkeep"), "");
console.log(`JavaScript total: ${(total / 1024).toFixed(1)} kB gzipped (budget ${BUDGET / 1024} kB)`);
if (total > BUDGET) {
  console.error("The JavaScript is over its budget: trim dependencies or split code.");
  process.exit(1);
}
