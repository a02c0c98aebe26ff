// The one-time token a mailed link carries in its fragment (#token=…), which never reaches the
// server's logs.

/** The token of a fragment (without its "#"), or "" when it has none. */
export function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") ?? "";
}
