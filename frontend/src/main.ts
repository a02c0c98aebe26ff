// The minimal web app: lists the consultations the API publishes. Text from the server is only
// ever inserted with textContent, never as HTML.

interface Consultation {
  id: string;
  title: string;
  status: "upcoming" | "open" | "closed";
  opens_at: string;
  closes_at: string;
}

interface List<T> {
  items: T[];
  next_cursor: string | null;
}

const brussels = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Brussels",
});

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function renderConsultation(c: Consultation): HTMLElement {
  const card = el("article", undefined, "card");
  card.append(el("span", c.status, `status status-${c.status}`));
  card.append(el("h2", c.title));
  const window = `${brussels.format(new Date(c.opens_at))} – ${brussels.format(new Date(c.closes_at))} (Brussels time)`;
  card.append(el("p", window));
  return card;
}

async function main(): Promise<void> {
  const app = document.getElementById("app");
  if (!app) return;
  try {
    const res = await fetch("/api/v1/consultations", { headers: { Accept: "application/json" } });
    if (!res.ok) {
      app.replaceChildren(el("p", "Consultations cannot be listed yet.", "error"));
      return;
    }
    const list = (await res.json()) as List<Consultation>;
    if (list.items.length === 0) {
      app.replaceChildren(el("p", "No consultation has been published yet."));
      return;
    }
    app.replaceChildren(el("h2", "Consultations"), ...list.items.map(renderConsultation));
  } catch {
    app.replaceChildren(el("p", "The server cannot be reached.", "error"));
  }
}

void main();
