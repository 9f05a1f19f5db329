import { AppError, ValidationError } from "../errors";

/** HTTP status of each stable error code. One table, so a code never means two statuses. */
const STATUS_BY_CODE: Record<string, number> = {
  validation_failed: 422,
  wrong_expected_version: 409,
  event_id_conflict: 409,
  event_already_in_stream: 409,
  not_found: 404,
  database_unavailable: 503,
  internal_error: 500,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
}

/** An RFC 9457 problem+json response. `detail` must be safe to show to the caller. */
export function problemResponse(code: string, detail: string, extra: Partial<Problem> & Record<string, unknown> = {}): Response {
  const status = STATUS_BY_CODE[code] ?? 500;
  const body = { type: `https://trailbook.dev/problems/${code}`, title: code.replaceAll("_", " "), status, detail, code, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}

/** Renders any thrown value. AppErrors keep their message; anything else is logged and hidden. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) return problemResponse(error.code, error.message, { errors: error.issues });
  if (error instanceof AppError) return problemResponse(error.code, error.message);
  console.error(error);
  return problemResponse("internal_error", "An unexpected error occurred; it has been logged.");
}
