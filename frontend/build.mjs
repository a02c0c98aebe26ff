// Bundles src/ into dist/ with content-hashed asset names and writes dist/index.html naming them.
import { build } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const dist = "dist";
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await build({
  entryPoints: ["src/main.ts", "src/style.css"],
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ["es2022"],
  outdir: path.join(dist, "assets"),
  entryNames: "[name]-[hash]",
  metafile: true,
  logLevel: "info",
});

const outputs = Object.keys(result.metafile.outputs).map((p) => "/" + path.relative(dist, p));
const script = outputs.find((p) => p.endsWith(".js"));
const style = outputs.find((p) => p.endsWith(".css"));
const template = await readFile("src/index.html", "utf8");
await writeFile(
  path.join(dist, "index.html"),
  template.replace("%SCRIPT%", script).replace("%STYLE%", style),
);
await writeFile(path.join(dist, ".gitkeep"), "");
