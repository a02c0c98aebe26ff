// The English catalogue, the reference: one module per area, so that pages of different areas are translated apart.
import accounts from "./accounts";
import commenting from "./commenting";
import comments from "./comments";
import common from "./common";
import consultation from "./consultation";
import enums from "./enums";
import home from "./home";
import type administration from "./administration";

export default {
  common,
  home,
  consultation,
  comments,
  commenting,
  accounts,
  enums,
  // Staff only: filled on demand by loadAdministration() (../administration.ts) before a staff page shows.
  administration: {} as typeof administration,
};
