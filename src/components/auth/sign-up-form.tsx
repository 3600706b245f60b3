"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { displayNameInput, emailInput, MIN_PASSWORD_LENGTH, newPasswordInput } from "@/domain/credentials";
import { useTRPC } from "@/trpc/react";
import { Field, FormAlert, SubmitButton } from "./form-parts";
import { errorInfo } from "./trpc-error";

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
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(signUpForm),
    defaultValues: { name: "", email: "", password: "", confirm: "" },
  });
  const register = useMutation(trpc.account.register.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ name, email, password }) => {
    setFormError(null);
    try {
      await register.mutateAsync({ email, password, ...(name ? { name } : {}) });
    } catch (error) {
      const info = errorInfo(error);
      for (const [field, messages] of Object.entries(info.fieldErrors)) {
        if (["name", "email", "password"].includes(field)) form.setError(field as FieldName, { message: messages[0] });
      }
      if (info.domainCode === "EMAIL_TAKEN") form.setError("email", { message: info.message });
      else if (info.domainCode === "WEAK_PASSWORD") form.setError("password", { message: info.message });
      else if (Object.keys(info.fieldErrors).length === 0) setFormError(info.message);
      return;
    }
    const result = await signIn("credentials", { email, password, redirect: false }).catch(() => null);
    if (!result?.ok || result.error) {
      router.push("/sign-in?registered=1");
      return;
    }
    await queryClient.invalidateQueries();
    router.push("/");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Create an account">
      {formError && <FormAlert>{formError}</FormAlert>}
      <Field label="Name (optional)" autoComplete="nickname" error={errors.name?.message} {...form.register("name")} />
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        error={errors.email?.message}
        {...form.register("email")}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <Field
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        error={errors.confirm?.message}
        {...form.register("confirm")}
      />
      <SubmitButton isBusy={isSubmitting} busyLabel="Creating your account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-muted">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
