// The German catalogue: one module per area, so that pages of different areas are translated apart.
import accounts from "./accounts";
import commenting from "./commenting";
import comments from "./comments";
import common from "./common";
import consultation from "./consultation";
import enums from "./enums";
import home from "./home";
import type enAdministration from "../en/administration";
import type { Translation } from "../types";

export default {
  common,
  home,
  consultation,
  comments,
  commenting,
  accounts,
  enums,
  // Staff only: filled on demand by loadAdministration() (../administration.ts) before a staff page shows.
  administration: {} as Translation<typeof enAdministration>,
};
