import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildOpenApi } from "../http/openapi";

type Json = Record<string, unknown>;
type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

interface Documented {
  path: string;
  /** The response object for the status, or null when the operation does not document it. */
  response: Json | null;
  /** Its JSON pointer in the document (a shared one's in components.responses). */
  pointer: string;
}

const doc = buildOpenApi() as unknown as { paths: Record<string, Record<string, Json>>; components: Json };
const ROOT = "urn:trailbook:openapi";
const JSON_TYPES = new Set(["application/json", "application/problem+json"]);

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** Ajv (draft 2020-12, formats checked) holding the whole document, so `#/components/…` refs resolve. */
function validatorAt(pointer: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats.default(ajv);
    // The document's own fields are not JSON Schema keywords: let strict mode know.
    for (const keyword of ["openapi", "info", "servers", "tags", "security", "paths", "components"]) {
      ajv.addKeyword(keyword);
    }
    ajv.addSchema({ ...doc, $id: ROOT });
  }
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${ROOT}#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

/** A JSON pointer segment, as a URI fragment holds it. */
const pointerSegment = (segment: string) => encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1"));
const essence = (type: string | null) => type?.split(";")[0]?.trim().toLowerCase() ?? null;

/** The documented path template and response for a request, or null for a path the document does not have. */
function documented(method: string, pathname: string, status: number): Documented | null {
  for (const [template, item] of Object.entries(doc.paths)) {
    const regex = new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+").replaceAll(".", "\\.")}$`);
    if (!regex.test(pathname)) continue;
    const operation = item[method.toLowerCase()] as { responses: Record<string, Json> } | undefined;
    if (!operation) return null;
    const response = operation.responses[String(status)] ?? null;
    const ref = response?.$ref;
    if (typeof ref === "string") {
      const name = ref.split("/").pop()!;
      const shared = (doc.components.responses as Record<string, Json>)[name] ?? null;
      return { path: template, response: shared, pointer: `/components/responses/${name}` };
    }
    const segments = ["paths", template, method.toLowerCase(), "responses", String(status)];
    const pointer = `/${segments.map(pointerSegment).join("/")}`;
    return { path: template, response, pointer };
  }
  return null;
}

/**
 * Checks one response of the route handlers against the OpenAPI document: its status is
 * documented for the operation, its media type too, and a JSON body validates against the schema.
 * Throws with every failure. Paths and methods the document does not have are left alone (the
 * catch-all's 404, a method the test harness refuses itself); streamed bodies are not read.
 */
export async function checkResponse(method: string, url: string, response: Response): Promise<void> {
  const { pathname } = new URL(url, "http://trailbook.test");
  const found = documented(method, pathname, response.status);
  if (!found) return;
  const where = `${method} ${pathname} → ${response.status}`;
  if (!found.response) throw new Error(`OpenAPI: ${where} is not documented for ${found.path}`);
  const content = found.response.content as Record<string, Json> | undefined;
  const type = essence(response.headers.get("content-type"));
  if (!content) {
    if (type !== null) throw new Error(`OpenAPI: ${where} has a ${type} body, documented as none`);
    return;
  }
  const mediaType = Object.keys(content).find((key) => essence(key) === type);
  if (!mediaType) throw new Error(`OpenAPI: ${where} is ${type}, documented as ${Object.keys(content).join(", ")}`);
  if (!JSON_TYPES.has(type!)) return;
  const validate = validatorAt(`${found.pointer}/content/${pointerSegment(mediaType)}/schema`);
  const body: unknown = await response.clone().json();
  if (!validate(body)) {
    const errors = validate.errors?.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
    throw new Error(`OpenAPI: ${where}: the body does not match the document: ${errors}`);
  }
}

/** `fetch` whose every response is checked with {@link checkResponse} before it is returned. */
export function validatingFetch(fetch: Fetch): Fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    await checkResponse(method, url, response);
    return response;
  };
}
