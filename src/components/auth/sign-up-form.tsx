"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { displayNameInput, emailInput, MIN_PASSWORD_LENGTH, newPasswordInput } from "@/domain/credentials";
import { useTRPC } from "@/trpc/react";
import { fieldPropsOf } from "../ui/field-props";
import { Field, FormAlert, FormFooterLink, SubmitButton } from "./form-parts";
import { errorInfo } from "./trpc-error";
import { useCredentialsSignIn } from "./use-credentials-sign-in";

/** The server's registerInput, plus a confirmation that only the form needs. */
const signUpForm = z
  .object({
    name: z.union([z.literal(""), displayNameInput]),
    email: emailInput,
    password: newPasswordInput,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

type FieldName = "name" | "email" | "password" | "confirm";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signInAndOpen = useCredentialsSignIn();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(signUpForm),
    defaultValues: { name: "", email: "", password: "", confirm: "" },
  });
  const register = useMutation(trpc.account.register.mutationOptions());
  const field = fieldPropsOf(form);

  const onSubmit = form.handleSubmit(async ({ name, email, password }) => {
    setFormError(null);
    try {
      await register.mutateAsync({ email, password, ...(name ? { name } : {}) });
    } catch (error) {
      const info = errorInfo(error);
      for (const [fieldName, messages] of Object.entries(info.fieldErrors)) {
        if (["name", "email", "password"].includes(fieldName)) form.setError(fieldName as FieldName, { message: messages[0] });
      }
      if (info.domainCode === "EMAIL_TAKEN") form.setError("email", { message: info.message });
      else if (info.domainCode === "WEAK_PASSWORD") form.setError("password", { message: info.message });
      else if (Object.keys(info.fieldErrors).length === 0) setFormError(info.message);
      return;
    }
    const outcome = await signInAndOpen(email, password, "/");
    if (!outcome.isSignedIn) router.push("/sign-in?registered=1");
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Create an account">
      {formError && <FormAlert>{formError}</FormAlert>}
      <Field label="Name (optional)" autoComplete="nickname" {...field("name")} />
      <Field label="Email" type="email" autoComplete="email" inputMode="email" {...field("email")} />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}
        {...field("password")}
      />
      <Field label="Confirm password" type="password" autoComplete="new-password" {...field("confirm")} />
      <SubmitButton isBusy={form.formState.isSubmitting} busyLabel="Creating your account…">
        Create account
      </SubmitButton>
      <FormFooterLink question="Already have an account?" href="/sign-in">
        Sign in
      </FormFooterLink>
    </form>
  );
}
