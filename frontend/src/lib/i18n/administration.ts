// The staff administration catalogue is not part of the app's first download: a staff page's
// route loads it (all three languages, so the language switch keeps working) before the page.
import { catalogues } from "./catalogues";

let loading: Promise<void> | null = null;

/** Fills the administration area of every catalogue; later calls share the first load. */
export function loadAdministration(): Promise<void> {
  loading ??= Promise.all([import("./en/administration"), import("./fr/administration"), import("./de/administration")]).then(
    ([en, fr, de]) => {
      Object.assign(catalogues.en.administration, en.default);
      Object.assign(catalogues.fr.administration, fr.default);
      Object.assign(catalogues.de.administration, de.default);
    },
    (err: unknown) => {
      loading = null; // let a later visit try again
      throw err;
    },
  );
  return loading;
}
