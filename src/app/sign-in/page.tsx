import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/form-parts";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/components/auth/callback-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callback = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  const isNew = params.registered === "1";
  return (
    <AuthCard title="Sign in" subtitle="Trade on Bourse with your email and password.">
      <SignInForm
        callbackPath={safeCallbackPath(callback)}
        notice={isNew ? "Account created. Sign in to start trading." : undefined}
      />
    </AuthCard>
  );
}
