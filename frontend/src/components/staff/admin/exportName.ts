// The file name of an export: consultation-<title slug>-<Brussels date>-<scope>.<format>, so that
// a folder of downloads tells which consultation each file holds and when it was taken.
import { utcToBrussels } from "./brussels";

/** A title as lower-case ASCII words joined by hyphens ("Cloud services – EUCS" → "cloud-services-eucs"), at most 60 characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, 60).replace(/-+$/, "") || "untitled";
}

/** The download name of an export taken at the instant now. */
export function exportFileName(title: string, scope: string, format: string, now: Date = new Date()): string {
  return `consultation-${slugify(title)}-${utcToBrussels(now.toISOString()).date}-${scope}.${format}`;
}
