// A preview of the clause tree the server will make of a Markdown draft, before it is saved:
// the rules of internal/clauses in short (headings outside code blocks and quotes, a leading
// level-one title, numbers written in headings kept, the rest numbered by position, nesting by
// level except where an explicit number names its parent, two headings with one number refused).
// The server stays the judge: what it answers on saving wins over this preview.

/** One clause of the preview. */
export interface PreviewClause {
  number: string;
  heading: string;
  line: number;
  explicit: boolean;
  level: number;
  children: PreviewClause[];
}

/** A reason the draft cannot be saved, with its line (0: the whole draft). */
export interface DraftProblem {
  code: "empty" | "no_headings" | "duplicate_number";
  line: number;
  number?: string;
  firstLine?: number;
}

export interface DraftPreview {
  title: string;
  clauses: PreviewClause[];
  count: number;
  problems: DraftProblem[];
}

interface RawHeading {
  level: number;
  text: string;
  line: number;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const BREAK = /^ {0,3}((\*[ \t]*){3,}|(-[ \t]*){3,}|(_[ \t]*){3,})$/;
const LIST = /^ {0,3}([-+*]|\d{1,9}[.)])([ \t]|$)/;

/** The headings of a draft, skipping fenced code, indented code, quotes and front matter. */
function scanHeadings(lines: string[]): RawHeading[] {
  const out: RawHeading[] = [];
  let i = 0;
  if (lines[0] === "---") {
    const end = lines.findIndex((l, j) => j > 0 && (l.trimEnd() === "---" || l.trimEnd() === "..."));
    const fm = end > 0 ? lines.slice(1, end) : [];
    if (end > 0 && fm.some((l) => /^[\w.-]+:([ \t]|$)/.test(l)) && !fm.some((l) => /^ {0,3}#{2,6}([ \t]|$)/.test(l))) i = end + 1;
  }
  let fence = "";
  let paragraph: { text: string; line: number } | null = null;
  let listIndent = -1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      if (line.trimStart().startsWith(fence) && /^ {0,3}[`~]+[ \t]*$/.test(line)) fence = "";
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      fence = f[1]!;
      paragraph = null;
      continue;
    }
    if (line.trim() === "") {
      paragraph = null;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (listIndent >= 0 && indent > listIndent) continue; // inside a list item
    listIndent = -1;
    if (/^ {0,3}>/.test(line)) {
      paragraph = null;
      continue;
    }
    if (indent >= 4 && !paragraph) continue; // indented code
    const atx = ATX.exec(line);
    if (atx) {
      out.push({ level: atx[1]!.length, text: (atx[2] ?? "").trim(), line: i + 1 });
      paragraph = null;
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && paragraph) {
      out.push({ level: setext[1]!.startsWith("=") ? 1 : 2, text: paragraph.text, line: paragraph.line });
      paragraph = null;
      continue;
    }
    if (BREAK.test(line)) {
      paragraph = null;
      continue;
    }
    const list = LIST.exec(line);
    if (list && !paragraph) {
      listIndent = indent;
      continue;
    }
    paragraph = paragraph ? { text: `${paragraph.text} ${line.trim()}`, line: paragraph.line } : { text: line.trim(), line: i + 1 };
  }
  return out;
}

interface Num {
  text: string;
  ref: string;
  parent: string;
}

const DECIMAL = /^(\d{1,3}(?:\.\d{1,3})*)[.)]?(?:[\t\p{Zs}]+|$)/u;
const ANNEX = /^(annex|appendix)[\t\p{Zs}]+([A-Z]{1,2}|[IVXLC]{1,6}|\d{1,3})(?:[\t\p{Zs}]*[-–—:][\t\p{Zs}]*|\.(?:[\t\p{Zs}]+|$)|[\t\p{Zs}]+|$)/iu;
const ANNEX_CLAUSE = /^([A-Z]{1,2}(?:\.\d{1,3})+)[.)]?(?:[\t\p{Zs}]+|$)/u;

const parentRef = (n: string): string => (n.includes(".") ? n.slice(0, n.lastIndexOf(".")) : "");

/** A heading's own number and the text after it; null when it has none. */
export function splitNumber(heading: string): [Num, string] | null {
  let m = DECIMAL.exec(heading);
  if (m) return [{ text: m[1]!, ref: m[1]!, parent: parentRef(m[1]!) }, heading.slice(m[0].length).trim()];
  m = ANNEX.exec(heading);
  if (m && /^[A-Z0-9IVXLC]+$/.test(m[2]!)) {
    const word = m[1]!.toLowerCase() === "appendix" ? "Appendix" : "Annex";
    const id = m[2]!;
    return [{ text: `${word} ${id}`, ref: /^\d/.test(id) ? `${word} ${id}` : id, parent: "" }, heading.slice(m[0].length).trim()];
  }
  m = ANNEX_CLAUSE.exec(heading);
  if (m) return [{ text: m[1]!, ref: m[1]!, parent: parentRef(m[1]!) }, heading.slice(m[0].length).trim()];
  return null;
}

interface Built extends PreviewClause {
  mdLevel: number;
  ref: string;
  position: number;
}

/** Previews the clause tree of a Markdown draft. */
export function previewDraft(markdown: string): DraftPreview {
  const src = markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const none: DraftPreview = { title: "", clauses: [], count: 0, problems: [] };
  if (src.trim() === "") return { ...none, problems: [{ code: "empty", line: 0 }] };
  const lines = src.split("\n");
  let hs = scanHeadings(lines);
  if (hs.length === 0) return { ...none, problems: [{ code: "no_headings", line: 0 }] };
  let title = "";
  const first = hs[0]!;
  const beforeFirst = lines.slice(0, first.line - 1).join("\n");
  const frontMatterOnly = /^---\n[\s\S]*?\n(---|\.\.\.)\s*$/.test(beforeFirst) || beforeFirst.trim() === "";
  if (hs.length > 1 && first.level === 1 && !splitNumber(first.text) && hs.slice(1).every((h) => h.level > 1) && frontMatterOnly) {
    title = first.text;
    hs = hs.slice(1);
  }
  const roots: Built[] = [];
  const stack: Built[] = [];
  let unnumbered = 0;
  const pop = (n: number) => {
    for (const o of stack.slice(n)) if (!o.explicit) unnumbered--;
    stack.length = n;
  };
  for (const h of hs) {
    const split = splitNumber(h.text);
    const c: Built = {
      number: split ? split[0].text : "",
      heading: split ? split[1] : h.text,
      line: h.line,
      explicit: !!split,
      level: 1,
      children: [],
      mdLevel: h.level,
      ref: split ? split[0].ref : "",
      position: 0,
    };
    let placed = false;
    if (split && split[0].parent !== "") {
      for (let j = stack.length - 1; j >= 0; j--) {
        if (stack[j]!.ref === split[0].parent) {
          pop(j + 1);
          placed = true;
          break;
        }
      }
    } else if (split && unnumbered === 0) {
      pop(0);
      placed = true;
    }
    if (!placed) {
      let j = stack.length;
      while (j > 0 && stack[j - 1]!.mdLevel >= h.level) j--;
      pop(j);
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      c.level = parent.level + 1;
      c.position = parent.children.length + 1;
      parent.children.push(c);
    } else {
      c.position = roots.length + 1;
      roots.push(c);
    }
    if (!split) unnumbered++;
    stack.push(c);
  }
  const problems: DraftProblem[] = [];
  const seen = new Map<string, Built>();
  const taken = new Set<string>();
  const all: { c: Built; parent: Built | null }[] = [];
  const walk = (list: Built[], parent: Built | null) => {
    for (const c of list) {
      all.push({ c, parent });
      walk(c.children as Built[], c);
    }
  };
  walk(roots, null);
  for (const { c } of all) {
    if (!c.explicit) continue;
    const firstSeen = seen.get(c.number);
    if (firstSeen) problems.push({ code: "duplicate_number", line: c.line, number: c.number, firstLine: firstSeen.line });
    else seen.set(c.number, c);
    taken.add(c.number);
  }
  const suffix = new Map<string, number>();
  for (const { c, parent } of all) {
    if (c.explicit) continue;
    const p = String(c.position);
    let n = !parent ? p : parent.ref ? `${parent.ref}.${p}` : `${parent.number}.${p}`;
    if (taken.has(n)) {
      const base = c.heading.split(/\s+/).filter(Boolean).join(" ").slice(0, 60).trim() || n;
      n = base;
      while (taken.has(n)) {
        const k = (suffix.get(base) ?? 0) + 1;
        suffix.set(base, k);
        n = `${base} (${k + 1})`;
      }
    }
    taken.add(n);
    c.number = n;
  }
  const strip = (list: Built[]): PreviewClause[] =>
    list.map(({ number, heading, line, explicit, level, children }) => ({ number, heading, line, explicit, level, children: strip(children as Built[]) }));
  return { title, clauses: strip(roots), count: all.length, problems };
}
