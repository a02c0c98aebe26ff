// The staff console's catalogue areas (staff, moderation) in every language, added to the
// catalogues when a staff page loads (StaffOnly imports this module): they travel in the staff
// chunks, never in the JavaScript of the public pages.
import { catalogues } from "./catalogues";
import deModeration from "./de/moderation";
import deStaff from "./de/staff";
import enModeration from "./en/moderation";
import enStaff from "./en/staff";
import frModeration from "./fr/moderation";
import frStaff from "./fr/staff";

Object.assign(catalogues.en, { staff: enStaff, moderation: enModeration });
Object.assign(catalogues.fr, { staff: frStaff, moderation: frModeration });
Object.assign(catalogues.de, { staff: deStaff, moderation: deModeration });
