"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInInput } from "@/domain/credentials";
import { fieldPropsOf } from "../ui/field-props";
import { Field, FormAlert, FormFooterLink, SubmitButton } from "./form-parts";
import { useCredentialsSignIn } from "./use-credentials-sign-in";

/** next-auth/react reports refusals as a code; these are the sentences for them. */
const SIGN_IN_ERRORS: Record<string, string> = {
  credentials: "Wrong email or password.",
  rate_limited: "Too many sign-in attempts. Wait a few minutes, then try again.",
  unavailable: "Sign-in is paused for a moment. Please try again shortly.",
};

export function SignInForm({ callbackPath, notice }: { callbackPath: string; notice?: string }) {
  const signInAndOpen = useCredentialsSignIn();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(signInInput), defaultValues: { email: "", password: "" } });
  const field = fieldPropsOf(form);

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setFormError(null);
    const outcome = await signInAndOpen(email, password, callbackPath);
    if (!outcome.isSignedIn) {
      setFormError(SIGN_IN_ERRORS[outcome.code] ?? SIGN_IN_ERRORS.credentials ?? null);
      form.setFocus("password");
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
      {notice && !formError && <FormAlert tone="success">{notice}</FormAlert>}
      {formError && <FormAlert>{formError}</FormAlert>}
      <Field label="Email" type="email" autoComplete="username" inputMode="email" {...field("email")} />
      <Field label="Password" type="password" autoComplete="current-password" {...field("password")} />
      <SubmitButton isBusy={form.formState.isSubmitting} busyLabel="Signing in…">
        Sign in
      </SubmitButton>
      <FormFooterLink question="New to Bourse?" href="/sign-up">
        Create an account
      </FormFooterLink>
    </form>
  );
}
