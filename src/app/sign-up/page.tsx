import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/form-parts";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <AuthCard title="Create an account" subtitle="New accounts start with demo funds to try trading.">
      <SignUpForm />
    </AuthCard>
  );
}
