// A small History API router: a table of path patterns ("/consultations/:id") to page components,
// same-origin link clicks intercepted, back and forward followed. The app (App.svelte) holds the
// current match as state and moves focus to the new page's heading after each navigation.

/** What a page receives: the path parameters, the query and the fragment (without "#"). */
export interface RouteProps {
  params: Record<string, string>;
  query: URLSearchParams;
  hash: string;
}

/** A route: a pattern and its page, given at once or fetched on the first visit (`load`, for the
 * staff console, so that public visitors never download its code). */
export type Route<C> = { pattern: string; component: C } | { pattern: string; load: () => Promise<{ default: C }> };

/** The page component of a route, fetched first when the route loads it on demand. */
export async function routeComponent<C>(route: Route<C>): Promise<C> {
  return "load" in route ? (await route.load()).default : route.component;
}

export interface Match<C> extends RouteProps {
  route: Route<C>;
}

interface Compiled<C> {
  route: Route<C>;
  regex: RegExp;
  names: string[];
}

function compile<C>(route: Route<C>): Compiled<C> {
  const names: string[] = [];
  const source = route.pattern
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { route, regex: new RegExp(`^${source}/?$`), names };
}

/** Builds the matcher of a route table: the first route whose pattern fits the path wins. */
export function createMatcher<C>(routes: Route<C>[], notFound: C) {
  const compiled = routes.map(compile);
  return (url: URL): Match<C> => {
    const query = url.searchParams;
    const hash = url.hash.replace(/^#/, "");
    for (const { route, regex, names } of compiled) {
      const m = regex.exec(url.pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route, params, query, hash };
    }
    const fallback: Route<C> = { pattern: "*", component: notFound };
    return { route: fallback, params: {}, query, hash };
  };
}

/** Whether a click on this link is the app's to handle (not a new tab, a download, the API or elsewhere). */
export function isAppLink(event: MouseEvent, anchor: HTMLAnchorElement, origin: string): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (anchor.hasAttribute("download") || anchor.dataset["external"] !== undefined) return false;
  if (anchor.target && anchor.target !== "_self") return false;
  const url = new URL(anchor.href, origin);
  if (url.origin !== origin) return false;
  return !url.pathname.startsWith("/api/");
}

type Listener = (url: URL, kind: "push" | "pop") => void;
let listener: Listener | null = null;
/** The path and query of the page on show: a history move that changes only the fragment keeps it. */
let shown = "";

/** Goes to a path of the app (adding a history entry, or replacing the current one). */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (opts.replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  shown = url.pathname + url.search;
  listener?.(url, "push");
}

/** Starts listening to link clicks and history moves; returns the function that stops it. */
export function startRouter(onChange: Listener): () => void {
  listener = onChange;
  const onClick = (event: MouseEvent) => {
    const anchor = (event.target as Element | null)?.closest?.("a");
    if (!anchor || !(anchor instanceof HTMLAnchorElement) || !anchor.href) return;
    if (!isAppLink(event, anchor, location.origin)) return;
    const url = new URL(anchor.href);
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page anchor
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  shown = location.pathname + location.search;
  const onPop = () => {
    const url = new URL(location.href);
    // A fragment link on the same page (the skip link, a table of contents) is not a new page.
    if (url.pathname + url.search === shown) return;
    shown = url.pathname + url.search;
    onChange(url, "pop");
  };
  document.addEventListener("click", onClick);
  window.addEventListener("popstate", onPop);
  return () => {
    listener = null;
    document.removeEventListener("click", onClick);
    window.removeEventListener("popstate", onPop);
  };
}

/** Sets document.title to "page – site". */
export function setTitle(page: string, site: string): void {
  document.title = page ? `${page} – ${site}` : site;
}

/**
 * Changes the address of the page on show without showing another page or adding a history
 * entry: for a page whose query follows what is chosen on it (NewComment's ?clause=).
 */
export function replaceAddress(to: string): void {
  const url = new URL(to, location.href);
  history.replaceState(history.state, "", url);
  shown = url.pathname + url.search;
}
