import type { z } from "zod";
import { ValidationError } from "../errors";

/** Turns a zod failure into our ValidationError, one issue per failing path. */
export function validationErrorFrom(error: z.ZodError): ValidationError {
  return new ValidationError(
    error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  );
}

/** Parses `input` with `schema` or throws a ValidationError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationErrorFrom(result.error);
  return result.data;
}
