// Who is signed in: asked of GET /me when the app starts (401: nobody), set on sign-in, cleared on
// sign-out. Components read session.user; session.ready tells when the first answer came.
import { ApiError, csrfToken, getMe, logout, type User } from "./api";

export const session = $state<{ user: User | null; ready: boolean }>({ user: null, ready: false });

/**
 * Asks the server who the caller is; any failure leaves the session anonymous. A browser session
 * always has its readable consult_csrf cookie, which lives as long as the refresh cookie: without
 * it nobody is signed in, and a visitor's every first page would only earn a 401.
 */
export async function loadSession(): Promise<void> {
  if (!csrfToken()) {
    session.user = null;
    session.ready = true;
    return;
  }
  try {
    session.user = await getMe();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    session.user = null;
  } finally {
    session.ready = true;
  }
}

/** Records the user a sign-in answered with. */
export function signedIn(user: User): void {
  session.user = user;
}

/** Ends the session on the server (if it still lives) and here. */
export async function signOut(): Promise<void> {
  try {
    await logout();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err; // an expired session is signed out already
  } finally {
    session.user = null;
  }
}
