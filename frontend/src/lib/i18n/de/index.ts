// The German catalogue: one module per area, so that pages of different areas are translated apart.
import accounts from "./accounts";
import commenting from "./commenting";
import comments from "./comments";
import common from "./common";
import consultation from "./consultation";
import enums from "./enums";
import home from "./home";

export default { common, home, consultation, comments, commenting, accounts, enums };
