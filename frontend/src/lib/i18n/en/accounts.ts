import type { AreaMessages } from "../types";

/** Registration, email verification, sign-in, password reset and the profile. */
export default {
  "register.title": "Register",
  "verify.title": "Verify your email address",
  "sign_in.title": "Sign in",
  "reset.title": "Reset your password",
  "profile.title": "Your profile",
} satisfies AreaMessages;
