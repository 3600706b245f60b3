"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";

type SignInOutcome = { isSignedIn: true } | { isSignedIn: false; code: string };

/**
 * Signs in with an email and password and, when that works, opens `destination` as the
 * signed-in user. A refusal comes back with next-auth's code ("" when it gave none).
 */
export function useCredentialsSignIn() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return async (email: string, password: string, destination: string): Promise<SignInOutcome> => {
    // redirect: false, then navigate ourselves: Auth.js may redirect to localhost otherwise (STACK.md pitfall 7).
    const result = await signIn("credentials", { email, password, redirect: false }).catch(() => null);
    if (!result?.ok || result.error) return { isSignedIn: false, code: result?.code ?? "" };
    // Everything cached so far was fetched as a visitor.
    await queryClient.invalidateQueries();
    router.push(destination);
    router.refresh();
    return { isSignedIn: true };
  };
}
