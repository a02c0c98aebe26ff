// The app's pages: one route per screen, one component per file in pages/. Add a page by adding
// its component and its line here; the first pattern that fits wins.
import type { Component } from "svelte";
import type { Route, RouteProps } from "./lib/router";
import Comment from "./pages/Comment.svelte";
import Consultation from "./pages/Consultation.svelte";
import Home from "./pages/Home.svelte";
import MyComments from "./pages/MyComments.svelte";
import NewComment from "./pages/NewComment.svelte";
import NotFound from "./pages/NotFound.svelte";
import PasswordReset from "./pages/PasswordReset.svelte";
import Profile from "./pages/Profile.svelte";
import PublishedComments from "./pages/PublishedComments.svelte";
import Register from "./pages/Register.svelte";
import SignIn from "./pages/SignIn.svelte";
import VerifyEmail from "./pages/VerifyEmail.svelte";

export type Page = Component<RouteProps>;

export const routes: Route<Page>[] = [
  { pattern: "/", component: Home },
  { pattern: "/consultations/:id", component: Consultation },
  { pattern: "/consultations/:id/comments", component: PublishedComments },
  { pattern: "/consultations/:id/comment", component: NewComment }, // ?clause=<clause id>
  { pattern: "/comments/:id", component: Comment },
  { pattern: "/register", component: Register },
  { pattern: "/verify-email", component: VerifyEmail }, // #token=…
  { pattern: "/sign-in", component: SignIn },
  { pattern: "/password-reset", component: PasswordReset }, // #token=… for the new password
  { pattern: "/profile", component: Profile },
  { pattern: "/me/comments", component: MyComments },
  // Staff console (moderation): loaded on demand, so public visitors never download it.
  { pattern: "/staff", load: () => import("./pages/staff/Dashboard.svelte") },
  { pattern: "/staff/moderation", load: () => import("./pages/staff/Moderation.svelte") }, // ?consultation_id=&status=&cursor=
  { pattern: "/staff/consultations/:id/dispositions", load: () => import("./pages/staff/Dispositions.svelte") },
];

export const notFound: Page = NotFound;
