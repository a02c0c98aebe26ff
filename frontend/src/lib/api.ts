// The one client of the REST API (api/openapi.yaml). Same-origin fetch with the session cookies;
// every unsafe request carries the consult_csrf cookie's value as X-CSRF-Token; an authenticated
// call answered 401 refreshes the session once and is tried once more. Failures are thrown as
// ApiError, built from the problem+json body.

const BASE = "/api/v1";

// ---------- Types (field names as in api/openapi.yaml) ----------

export type ID = string;
/** An RFC 3339 time in UTC. */
export type Timestamp = string;

export type ConsultationStatus = "upcoming" | "open" | "closed";
export type CommentType = "general" | "technical" | "editorial";
export type Publication = "public_named" | "public_anonymous" | "confidential";
export type CommentStatus = "submitted" | "published" | "rejected" | "withdrawn";
export type Resolution = "accepted" | "partially_accepted" | "not_accepted" | "noted";
export type Role = "stakeholder" | "moderator" | "admin";
export type StakeholderType =
  | "eu_citizen"
  | "non_eu_citizen"
  | "company"
  | "business_association"
  | "ngo"
  | "academic_research"
  | "public_authority"
  | "national_cybersecurity_certification_authority"
  | "conformity_assessment_body"
  | "standardisation_body"
  | "trade_union"
  | "consumer_organisation"
  | "other";

export const STAKEHOLDER_TYPES: readonly StakeholderType[] = [
  "eu_citizen",
  "non_eu_citizen",
  "company",
  "business_association",
  "ngo",
  "academic_research",
  "public_authority",
  "national_cybersecurity_certification_authority",
  "conformity_assessment_body",
  "standardisation_body",
  "trade_union",
  "consumer_organisation",
  "other",
];
export const COMMENT_TYPES: readonly CommentType[] = ["general", "technical", "editorial"];
export const PUBLICATIONS: readonly Publication[] = ["public_named", "public_anonymous", "confidential"];

/** A page of a list; next_cursor is null on the last page. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

export interface Scheme {
  id: ID;
  slug: string;
  title: string;
  summary: string;
  created_at: Timestamp;
}

export interface DocumentSummary {
  id: ID;
  scheme_id: ID;
  title: string;
  version_label: string;
  created_at: Timestamp;
}

export interface Consultation {
  id: ID;
  document_id: ID;
  title: string;
  description: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: ConsultationStatus;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the disposition-of-comments report was published; null until then. */
  report_published_at: Timestamp | null;
}

export interface SchemeDetail extends Scheme {
  documents: DocumentSummary[];
  consultations: Consultation[];
}

export interface Attachment {
  id: ID;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  url: string;
  created_at: Timestamp;
}

export interface Clause {
  id: ID;
  number: string;
  heading: string;
  /** Markdown source. */
  body: string;
  /** The body rendered and sanitised by the server. */
  body_html?: string;
  comment_count?: number;
  children?: Clause[];
}

export interface Document extends DocumentSummary {
  clauses: Clause[];
  attachments: Attachment[];
}

/** A clause of a dry run's document: no id, since nothing is stored. */
export type ClausePreview = Omit<Clause, "id" | "children"> & { children?: ClausePreview[] };

/** A dry run's document: what importing a draft would store, without the id and time it does not have yet. */
export interface DocumentPreview extends Omit<DocumentSummary, "id" | "created_at"> {
  clauses: ClausePreview[];
  attachments: Attachment[];
}

export interface DiffSegment {
  op: "equal" | "insert" | "delete";
  text: string;
}

export interface ClauseChange {
  kind: "added" | "removed" | "changed" | "unchanged";
  old_clause_id: ID | null;
  new_clause_id: ID | null;
  old_number: string | null;
  new_number: string | null;
  heading: string;
  heading_diff?: DiffSegment[];
  body_diff?: DiffSegment[];
}

export interface DocumentDiff {
  document_id: ID;
  against_id: ID;
  changes: ClauseChange[];
}

export interface Quote {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface Disposition {
  resolution: Resolution;
  response: string;
  next_clause_ref: string;
  version: number;
  updated_at: Timestamp;
}

/** A comment as its author (or staff) sees it. */
export interface Comment {
  id: ID;
  consultation_id: ID;
  clause_id: ID | null;
  paragraph_ref?: string;
  comment_type: CommentType;
  body: string;
  proposed_change: string;
  quote: Quote | null;
  publication: Publication;
  language: string;
  status: CommentStatus;
  tracking_number: string;
  version: number;
  redacted_body?: string | null;
  redacted_proposed_change?: string | null;
  reason_code?: string;
  moderation_note?: string;
  disposition?: Disposition | null;
  attachments?: Attachment[];
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A published comment as the public sees it; an anonymous one has no name or organisation. */
export interface PublicComment {
  id: ID;
  consultation_id: ID;
  clause_id: ID | null;
  paragraph_ref?: string;
  comment_type: CommentType;
  body: string;
  proposed_change: string;
  quote: Quote | null;
  language: string;
  tracking_number: string;
  author: {
    display_name: string | null;
    organisation: string | null;
    stakeholder_type: string;
    country: string;
  };
  disposition?: Disposition | null;
  attachments?: Attachment[];
  created_at: Timestamp;
}

/** One of the caller's comments, with the consultation and clause it belongs to. */
export interface MyComment extends Comment {
  consultation_title: string;
  clause_number: string | null;
  clause_heading: string | null;
}

export interface CommentFilters extends PageQuery {
  clause_id?: ID;
  comment_type?: CommentType;
  stakeholder_type?: StakeholderType;
  country?: string;
  q?: string;
}

export interface CommentRequest {
  clause_id?: ID;
  paragraph_ref?: string;
  comment_type: CommentType;
  body: string;
  proposed_change?: string;
  quote?: Quote;
  publication: Publication;
  language?: string;
}

export interface CommentPatch {
  version: number;
  comment_type?: CommentType;
  body?: string;
  proposed_change?: string;
  publication?: Publication;
  language?: string;
}

export interface Summary {
  consultation_id: ID;
  scope: "public" | "all";
  total: number;
  by_stakeholder_type: Record<string, number>;
  by_country: Record<string, number>;
  by_clause: Record<string, number>;
  by_comment_type: Record<string, number>;
  by_day: Record<string, number>;
  by_status: Record<string, number>;
  by_resolution: Record<string, number>;
}

export interface User {
  id: ID;
  email: string;
  email_verified: boolean;
  display_name: string;
  organisation: string;
  stakeholder_type: StakeholderType;
  country: string;
  transparency_register_id: string;
  language: string;
  role: Role;
  disabled: boolean;
  created_at: Timestamp;
}

export interface RegisterRequest {
  email: string;
  password: string;
  display_name: string;
  organisation?: string;
  stakeholder_type: StakeholderType;
  country: string;
  transparency_register_id?: string;
  language?: string;
}

export type ProfilePatch = Partial<
  Pick<User, "display_name" | "organisation" | "stakeholder_type" | "country" | "transparency_register_id" | "language">
>;

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  user: User;
}

// ---------- Errors ----------

export interface FieldError {
  field: string;
  message: string;
}

/** A failed call: the problem+json answer, or a network failure (status 0, code "network_error"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds to wait, from Retry-After (429), else null. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    retryAfter?: number | null;
  }) {
    super(init.detail || init.title);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail ?? "";
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, Math.round((when - Date.now()) / 1000));
}

/** Builds the ApiError of a failed response from its problem+json body (any other body: status only). */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get("Retry-After"));
  let body: Record<string, unknown> = {};
  if ((res.headers.get("Content-Type") ?? "").includes("json")) {
    try {
      const parsed: unknown = await res.json();
      if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
    } catch {
      // not JSON after all: keep the status alone
    }
  }
  const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  const errors = Array.isArray(body["errors"])
    ? (body["errors"] as unknown[]).flatMap((e) => {
        if (!e || typeof e !== "object") return [];
        const { field, message } = e as Record<string, unknown>;
        return typeof field === "string" && typeof message === "string" ? [{ field, message }] : [];
      })
    : [];
  return new ApiError({
    status: res.status,
    code: str(body["code"]) ?? `http_${res.status}`,
    title: str(body["title"]) ?? (res.statusText || `HTTP ${res.status}`),
    detail: str(body["detail"]) ?? "",
    errors,
    retryAfter,
  });
}

// ---------- Transport ----------

/** The value of the readable consult_csrf cookie, or "" when there is none. */
export function csrfToken(): string {
  if (typeof document === "undefined") return "";
  for (const part of document.cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "consult_csrf") return decodeURIComponent(rest.join("="));
  }
  return "";
}

interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: object;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /** The call needs a session: a 401 refreshes the session once and retries once. */
  auth?: boolean;
}

function withQuery(path: string, query?: object): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json", ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form;
  }
  if (method !== "GET") {
    const token = csrfToken();
    if (token) headers["X-CSRF-Token"] = token;
  }
  return fetch(BASE + withQuery(path, opts.query), { method, headers, body, credentials: "same-origin" });
}

let refreshing: Promise<boolean> | null = null;

/** Renews the session with the refresh cookie; concurrent callers share one attempt. */
function refreshSession(): Promise<boolean> {
  refreshing ??= send("/auth/refresh", { method: "POST" })
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  let res: Response;
  try {
    res = await send(path, opts);
    // Without the consult_csrf cookie there is no session to renew (and the refresh would fail).
    if (res.status === 401 && opts.auth && csrfToken() && (await refreshSession())) {
      res = await send(path, opts);
    }
  } catch (err) {
    throw new ApiError({ status: 0, code: "network_error", title: "Network error", detail: String(err) });
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

async function json<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await request(path, opts);
  return (await res.json()) as T;
}

async function none(path: string, opts: RequestOptions): Promise<void> {
  await request(path, opts);
}

const seg = encodeURIComponent;

// ---------- Schemes, documents, consultations ----------

export const listSchemes = (q: PageQuery = {}) => json<Page<Scheme>>("/schemes", { query: q });
export const getScheme = (slug: string) => json<SchemeDetail>(`/schemes/${seg(slug)}`);
export const getDocument = (id: ID) => json<Document>(`/documents/${seg(id)}`);
export const diffDocument = (id: ID, against: ID) =>
  json<DocumentDiff>(`/documents/${seg(id)}/diff`, { query: { against } });
export const listConsultations = (q: PageQuery & { status?: ConsultationStatus } = {}) =>
  json<Page<Consultation>>("/consultations", { query: q });
export const getConsultation = (id: ID) => json<Consultation>(`/consultations/${seg(id)}`);
export const getSummary = (id: ID) => json<Summary>(`/consultations/${seg(id)}/summary`);

// ---------- Comments ----------

export const listComments = (consultationId: ID, filters: CommentFilters = {}) =>
  json<Page<PublicComment>>(`/consultations/${seg(consultationId)}/comments`, { query: filters });
/** One comment: the whole comment for its author, the public form for anyone else. */
export const getComment = (id: ID) => json<Comment | PublicComment>(`/comments/${seg(id)}`, { auth: true });
/** Submits a comment; a retry with the same idempotencyKey returns the first answer. */
export const submitComment = (consultationId: ID, body: CommentRequest, idempotencyKey?: string) =>
  json<Comment>(`/consultations/${seg(consultationId)}/comments`, {
    method: "POST",
    json: body,
    auth: true,
    ...(idempotencyKey ? { headers: { "Idempotency-Key": idempotencyKey } } : {}),
  });
export const updateComment = (id: ID, patch: CommentPatch) =>
  json<Comment>(`/comments/${seg(id)}`, { method: "PATCH", json: patch, auth: true });
export const withdrawComment = (id: ID) => none(`/comments/${seg(id)}`, { method: "DELETE", auth: true });
export const myComments = (q: PageQuery = {}) => json<Page<MyComment>>("/me/comments", { query: q, auth: true });
/** The URL of the blank comment template (an .xlsx download). */
export const commentTemplateUrl = (consultationId: ID) =>
  `${BASE}/consultations/${seg(consultationId)}/comment-template.xlsx`;
/** Submits a filled template (.xlsx or .csv): all rows or none. */
export function importComments(consultationId: ID, file: File): Promise<Page<Comment>> {
  const form = new FormData();
  form.append("file", file);
  return json<Page<Comment>>(`/consultations/${seg(consultationId)}/comments/import`, {
    method: "POST",
    form,
    auth: true,
  });
}

// ---------- Accounts ----------

export const register = (body: RegisterRequest) => json<User>("/auth/register", { method: "POST", json: body });
export const verifyEmail = (token: string) => none("/auth/verify-email", { method: "POST", json: { token } });
export const resendVerification = (email: string) =>
  none("/auth/verify-email/resend", { method: "POST", json: { email } });
export const login = (email: string, password: string) =>
  json<TokenResponse>("/auth/login", { method: "POST", json: { email, password } });
export const logout = () => none("/auth/logout", { method: "POST", auth: true });
export const requestPasswordReset = (email: string) =>
  none("/auth/password-reset", { method: "POST", json: { email } });
export const confirmPasswordReset = (token: string, password: string) =>
  none("/auth/password-reset/confirm", { method: "POST", json: { token, password } });
export const getMe = () => json<User>("/me", { auth: true });
export const updateMe = (patch: ProfilePatch) => json<User>("/me", { method: "PATCH", json: patch, auth: true });
/** Everything held about the caller, as a JSON value (for a download). */
export const getMyData = () => json<Record<string, unknown>>("/me/data", { auth: true });
export const deleteMe = () => none("/me", { method: "DELETE", auth: true });
/** Replaces the caller's password; the other sessions of the account end. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  none("/me/password", {
    method: "POST",
    json: { current_password: currentPassword, new_password: newPassword },
    auth: true,
  });

// ---------- Exports ----------

export type ExportFormat = "csv" | "json" | "xlsx";
/** The URL of the public export of a closed consultation's published comments (a download). */
export const publicExportUrl = (consultationId: ID, format: ExportFormat) =>
  `${BASE}/consultations/${seg(consultationId)}/export?format=${format}&scope=public`;

// ---------- Staff: moderation, clusters, dispositions, report ----------

export type ModerationAction = "publish" | "reject" | "redact";
export type ReasonCode = "spam" | "abusive" | "off_topic" | "personal_data" | "duplicate";
export const REASON_CODES: readonly ReasonCode[] = ["spam", "abusive", "off_topic", "personal_data", "duplicate"];
export const RESOLUTIONS: readonly Resolution[] = ["accepted", "partially_accepted", "not_accepted", "noted"];

/** A comment's author as staff see it (never the email address); null once the account is erased. */
export interface AuthorProfile {
  id: ID;
  display_name: string;
  organisation: string;
  stakeholder_type: StakeholderType;
  country: string;
  transparency_register_id: string;
}

/**
 * A comment in the moderation queue: where it belongs, its author, its near-duplicate group and
 * its disposition (null while it has none).
 */
export interface QueueItem extends Comment {
  consultation_title: string;
  clause_number: string | null;
  clause_heading: string | null;
  cluster_id: ID | null;
  author: AuthorProfile | null;
  disposition: Disposition | null;
}

/** A comment as moderators read it on its own: all of it, with its author's profile. */
export interface StaffComment extends Comment {
  author: AuthorProfile | null;
}

export interface QueueQuery extends PageQuery {
  consultation_id?: ID;
  status?: CommentStatus;
  clause_id?: ID;
  /** The author's. */
  stakeholder_type?: StakeholderType;
  /** The members of one near-duplicate group (a Cluster's id). */
  cluster_id?: ID;
}

/** A group of near-identical comments (a campaign); its id is its first comment's. */
export interface Cluster {
  id: ID;
  size: number;
  representative: string;
  members: ID[];
  tracking_numbers: string[];
}

/** A moderator's decision, on one comment, a selection or a cluster. */
export interface Decision {
  action: ModerationAction;
  reason_code?: ReasonCode;
  note?: string;
  redacted_body?: string;
  redacted_proposed_change?: string;
}

/** What became of one comment of a bulk or cluster action (status 200, or the problem's). */
export interface ItemOutcome {
  id: ID;
  status: number;
  code?: string;
  detail?: string;
}

export interface DispositionRequest {
  resolution: Resolution;
  response: string;
  next_clause_ref?: string;
  /** The disposition's current version; omitted for the first one. */
  version?: number;
}

export interface ClusterDispositionRequest {
  resolution: Resolution;
  response: string;
  next_clause_ref?: string;
  /** The members as loaded, each with its disposition's version (omitted when it had none). */
  items?: { id: ID; version?: number }[];
}

export const moderationQueue = (q: QueueQuery = {}) => json<Page<QueueItem>>("/moderation/queue", { query: q, auth: true });
/** One comment as staff see it (whole, with the author's profile and its disposition). */
export const getStaffComment = (id: ID) => json<StaffComment>(`/comments/${seg(id)}`, { auth: true });
export const moderateComment = (id: ID, decision: Decision, version: number) =>
  json<Comment>(`/comments/${seg(id)}/moderation`, { method: "POST", json: { ...decision, version }, auth: true });
export const bulkModerate = (items: { id: ID; version: number }[], decision: Decision) =>
  json<{ results: ItemOutcome[] }>("/moderation/bulk", { method: "POST", json: { ...decision, items }, auth: true });
export const listClusters = (consultationId: ID) =>
  json<Page<Cluster>>(`/consultations/${seg(consultationId)}/clusters`, { auth: true });
export const moderateCluster = (consultationId: ID, clusterId: ID, decision: Decision) =>
  json<{ results: ItemOutcome[] }>(`/consultations/${seg(consultationId)}/clusters/${seg(clusterId)}/moderation`, {
    method: "POST",
    json: decision,
    auth: true,
  });
export const recordDisposition = (commentId: ID, body: DispositionRequest) =>
  json<Disposition>(`/comments/${seg(commentId)}/disposition`, { method: "PUT", json: body, auth: true });
export const recordClusterDisposition = (consultationId: ID, clusterId: ID, body: ClusterDispositionRequest) =>
  json<{ results: ItemOutcome[] }>(`/consultations/${seg(consultationId)}/clusters/${seg(clusterId)}/disposition`, {
    method: "PUT",
    json: body,
    auth: true,
  });
/** Publishes the disposition-of-comments report; 409 names the comments still without a disposition. */
export const publishReport = (consultationId: ID) =>
  json<Consultation>(`/consultations/${seg(consultationId)}/report`, { method: "POST", auth: true });
/** Counts of a consultation's comments; staff get every comment (scope all). */
export const getStaffSummary = (id: ID) => json<Summary>(`/consultations/${seg(id)}/summary`, { auth: true });

// ---------- Staff: schemes, drafts, windows, figures, exports, administration ----------

export const createScheme = (body: { slug: string; title: string; summary: string }) =>
  json<Scheme>("/schemes", { method: "POST", json: body, auth: true });

/** A draft to import: pasted Markdown, or a file sent as multipart. */
export type DraftUpload = { title: string; version_label: string; markdown: string } | { title: string; version_label: string; file: File };

function draftBody(draft: DraftUpload): RequestOptions {
  if (!("file" in draft)) return { method: "POST", json: draft, auth: true };
  const form = new FormData();
  form.append("title", draft.title);
  form.append("version_label", draft.version_label);
  form.append("file", draft.file);
  return { method: "POST", form, auth: true };
}

/** Imports a Markdown draft as a new version of a scheme. */
export const createDocument = (slug: string, draft: DraftUpload) => json<Document>(`/schemes/${seg(slug)}/documents`, draftBody(draft));

/** The server's dry run of an import: the document it would store, or the import's errors; nothing is saved. */
export const previewDocument = (slug: string, draft: DraftUpload) =>
  json<DocumentPreview>(`/schemes/${seg(slug)}/documents`, { ...draftBody(draft), query: { dry_run: true } });

/** Attaches a file (the official PDF) to a document. */
export function uploadDocumentAttachment(documentId: ID, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append("file", file);
  return json<Attachment>(`/documents/${seg(documentId)}/attachments`, { method: "POST", form, auth: true });
}

export interface ConsultationRequest {
  document_id: ID;
  title: string;
  description: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
}

export const createConsultation = (body: ConsultationRequest) =>
  json<Consultation>("/consultations", { method: "POST", json: body, auth: true });

/** Changes a consultation; version is the one the change was made on (a 409 when someone else changed it since). */
export const updateConsultation = (
  id: ID,
  patch: { version: number; title?: string; description?: string; opens_at?: Timestamp; closes_at?: Timestamp },
) => json<Consultation>(`/consultations/${seg(id)}`, { method: "PATCH", json: patch, auth: true });

/** The figures of a consultation in a scope (staff may ask for "all"). */
export const getScopedSummary = (id: ID, scope: "public" | "all") =>
  json<Summary>(`/consultations/${seg(id)}/summary`, { query: { scope }, auth: true });

/** The URL of an export of a consultation in a format and scope. */
export const exportUrl = (consultationId: ID, format: string, scope: "public" | "all") =>
  `${BASE}/consultations/${seg(consultationId)}/export?format=${encodeURIComponent(format)}&scope=${scope}`;

/** Fetches an export as a file, or throws the ApiError of a refusal (an unknown format: 422). */
export async function fetchExport(consultationId: ID, format: string, scope: "public" | "all"): Promise<Blob> {
  const res = await request(`/consultations/${seg(consultationId)}/export`, { query: { format, scope }, auth: true });
  return res.blob();
}

export const listUsers = (q: PageQuery & { role?: Role | ""; email?: string } = {}) =>
  json<Page<User>>("/admin/users", { query: q, auth: true });

/** Changes a user's role or disabled state (disabling ends their sessions at once). */
export const updateUser = (id: ID, patch: { role?: Role; disabled?: boolean }) =>
  json<User>(`/admin/users/${seg(id)}`, { method: "PATCH", json: patch, auth: true });

/** One event of the audit trail, chained by hash to the one before it. */
export interface AuditEvent {
  seq: number;
  id: ID;
  actor_id: ID | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  created_at: Timestamp;
  prev_hash: string;
  hash: string;
}

export const listAudit = (q: PageQuery & { action?: string; subject_id?: string; actor_id?: string } = {}) =>
  json<Page<AuditEvent>>("/audit", { query: q, auth: true });

/** The result of checking the audit trail's hash chain on the server. */
export interface AuditCheck {
  intact: boolean;
  events_checked: number;
  first_break: { seq: number; reason: string } | null;
  checked_at: Timestamp;
}
export const verifyAudit = () => json<AuditCheck>("/audit/verify", { auth: true });
