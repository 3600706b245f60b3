import { z } from "zod";

/**
 * Sign-up and sign-in fields, shared by the server (tRPC, Auth.js) and the forms, so a rule is
 * stated once. Pure zod: safe to import from client components.
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** RFC 5321 caps a path at 256 octets, so a usable address is at most 254 characters. */
export const MAX_EMAIL_LENGTH = 254;

/** Trimmed and lower-cased, so "Alice@Example.com " and "alice@example.com" are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailInput = z
  .string()
  .max(MAX_EMAIL_LENGTH, "That email address is too long.")
  .transform(normalizeEmail)
  .pipe(z.email("Enter a valid email address."));

export const newPasswordInput = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const displayNameInput = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(60, "Use at most 60 characters.")
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, "The name contains characters that cannot be shown.");

export const registerInput = z.strictObject({
  email: emailInput,
  password: newPasswordInput,
  name: displayNameInput.optional(),
});

/** Sign-in checks only shape and size: whether a password is right is never a validation message. */
export const signInInput = z.object({
  email: emailInput,
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
});
export type SignInInput = z.infer<typeof signInInput>;
