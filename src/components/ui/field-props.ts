import { type FieldError, type FieldValues, get, type Path, type UseFormReturn } from "react-hook-form";

/**
 * What an input needs from its form, by field name: the registration and the current error
 * message, so a form names each field once. Reads `formState.errors` now, during render, which
 * is what subscribes the form to its errors.
 */
export function fieldPropsOf<T extends FieldValues, Context, Parsed>(form: UseFormReturn<T, Context, Parsed>) {
  const { errors } = form.formState;
  return (name: Path<T>) => ({
    error: get<typeof errors, FieldError | undefined>(errors, name)?.message,
    ...form.register(name),
  });
}
