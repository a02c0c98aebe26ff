// The page a visitor was heading for when asked to sign in (?next=), carried through registration:
// the register page keeps it in this browser, and the page the mailed verification link opens
// sends the visitor on to sign in with it, then back to that page.
import { safeNext } from "./checks";

const KEY = "consult.next-after-verify";

/** The ?next= part of a link to path, or path alone when next is not a page of this site. */
export function withNext(path: string, next: string | null): string {
  const target = safeNext(next);
  return target === "/" ? path : `${path}?next=${encodeURIComponent(target)}`;
}

/** Keeps next (when it is a page of this site) for the verification page; forgets it otherwise. */
export function rememberNext(storage: Storage, next: string | null): void {
  const target = safeNext(next);
  try {
    if (target === "/") storage.removeItem(KEY);
    else storage.setItem(KEY, target);
  } catch {
    // private mode: the visitor signs in and lands on the home page
  }
}

/** The page kept by rememberNext, or null. */
export function rememberedNext(storage: Storage): string | null {
  try {
    const target = safeNext(storage.getItem(KEY));
    return target === "/" ? null : target;
  } catch {
    return null;
  }
}
