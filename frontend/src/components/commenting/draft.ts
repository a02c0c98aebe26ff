// A comment in progress, kept in the browser's localStorage per consultation and clause so that it
// survives a reload, with the Idempotency-Key that every submit of this draft sends: a retry after
// a lost answer or a reload then returns the comment already made instead of a second one.
import type { CommentType, Publication, Quote } from "../../lib/api";

/** The fields of the form, and the clause a quote was taken from. */
export interface Draft {
  clause_id: string;
  paragraph_ref: string;
  comment_type: CommentType | "";
  body: string;
  proposed_change: string;
  publication: Publication | "";
  language: string;
  quote: (Quote & { clause_id: string }) | null;
  idempotency_key: string;
}

/** Where the draft of a comment on this consultation and clause (null: the draft as a whole) is kept. */
export function draftKey(consultationId: string, clauseId: string | null): string {
  return `consult.comment-draft.${consultationId}.${clauseId || "general"}`;
}

/** A fresh random Idempotency-Key. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An empty draft with a new key. */
export function emptyDraft(clauseId: string, language: string): Draft {
  return {
    clause_id: clauseId,
    paragraph_ref: "",
    comment_type: "",
    body: "",
    proposed_change: "",
    publication: "",
    language,
    quote: null,
    idempotency_key: newIdempotencyKey(),
  };
}

/** Whether the person has written or chosen anything worth keeping. */
export function hasContent(d: Draft): boolean {
  return !!(d.body.trim() || d.proposed_change.trim() || d.paragraph_ref.trim() || d.quote || d.comment_type || d.publication);
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** The draft stored under key, or null when there is none or it cannot be read. */
export function loadDraft(storage: Storage, key: string): Draft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(key) ?? "null");
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object") return null;
  const d = raw as Record<string, unknown>;
  if (!str(d["idempotency_key"])) return null;
  const q = d["quote"] as Record<string, unknown> | null | undefined;
  const type = str(d["comment_type"]);
  const publication = str(d["publication"]);
  return {
    clause_id: str(d["clause_id"]),
    paragraph_ref: str(d["paragraph_ref"]),
    comment_type: ["general", "technical", "editorial"].includes(type) ? (type as CommentType) : "",
    body: str(d["body"]),
    proposed_change: str(d["proposed_change"]),
    publication: ["public_named", "public_anonymous", "confidential"].includes(publication) ? (publication as Publication) : "",
    language: str(d["language"]),
    quote:
      q && typeof q === "object" && str(q["exact"])
        ? { clause_id: str(q["clause_id"]), exact: str(q["exact"]), prefix: str(q["prefix"]), suffix: str(q["suffix"]) }
        : null,
    idempotency_key: str(d["idempotency_key"]),
  };
}

/** Keeps the draft under key; a full or unavailable storage is ignored (the form still works). */
export function saveDraft(storage: Storage, key: string, draft: Draft): void {
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    // private mode or quota: the draft lives on in the page only
  }
}

/** Forgets the draft under key. */
export function clearDraft(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // nothing stored
  }
}

/** What the form shows after the person chose another clause, and the key its draft is now kept under. */
export interface Followed {
  draft: Draft;
  key: string;
  restored: boolean;
}

/**
 * Keeps the draft with the clause now chosen in it (draft.clause_id): what was written moves from
 * the key `from` to that clause's key. A form still empty takes instead the draft kept for the
 * clause chosen, if there is one (restored).
 */
export function followClause(storage: Storage, consultationId: string, from: string, draft: Draft): Followed {
  const key = draftKey(consultationId, draft.clause_id || null);
  if (key === from) return { draft, key, restored: false };
  if (!hasContent(draft)) {
    const kept = loadDraft(storage, key);
    if (kept && hasContent(kept)) return { draft: { ...kept, clause_id: draft.clause_id }, key, restored: true };
    return { draft, key, restored: false };
  }
  clearDraft(storage, from);
  saveDraft(storage, key, draft);
  return { draft, key, restored: false };
}
