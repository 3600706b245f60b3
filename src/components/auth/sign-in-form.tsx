"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInInput } from "@/domain/credentials";
import { Field, FormAlert, SubmitButton } from "./form-parts";

/** next-auth/react reports refusals as a code; these are the sentences for them. */
const SIGN_IN_ERRORS: Record<string, string> = {
  credentials: "Wrong email or password.",
  rate_limited: "Too many sign-in attempts. Wait a few minutes, then try again.",
  unavailable: "Sign-in is paused for a moment. Please try again shortly.",
};

export function SignInForm({ callbackPath, notice }: { callbackPath: string; notice?: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(signInInput), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setFormError(null);
    // redirect: false, then navigate ourselves: Auth.js may redirect to localhost otherwise (STACK.md pitfall 7).
    const result = await signIn("credentials", { email, password, redirect: false }).catch(() => null);
    if (!result?.ok || result.error) {
      setFormError(SIGN_IN_ERRORS[result?.code ?? ""] ?? SIGN_IN_ERRORS.credentials ?? null);
      form.setFocus("password");
      return;
    }
    // Everything cached so far was fetched as a visitor.
    await queryClient.invalidateQueries();
    router.push(callbackPath);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
      {notice && !formError && <FormAlert tone="success">{notice}</FormAlert>}
      {formError && <FormAlert>{formError}</FormAlert>}
      <Field
        label="Email"
        type="email"
        autoComplete="username"
        inputMode="email"
        error={errors.email?.message}
        {...form.register("email")}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register("password")}
      />
      <SubmitButton isBusy={isSubmitting} busyLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-muted">
        New to Bourse?{" "}
        <Link href="/sign-up" className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
