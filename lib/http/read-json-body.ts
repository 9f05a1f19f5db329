import { MalformedJson, PayloadTooLarge, UnsupportedMediaType } from "../errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON request body without ever holding more than `maxBytes`: a declared or actual size
 * over the limit is refused as soon as it is known. Invalid UTF-8 and invalid JSON are 400s.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new UnsupportedMediaType("Send the body as application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new PayloadTooLarge(`The body is larger than ${maxBytes} bytes.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new PayloadTooLarge(`The body is larger than ${maxBytes} bytes.`);
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new MalformedJson("The body is not valid UTF-8.");
  }
  if (text.trim() === "") throw new MalformedJson("The body is empty; send a JSON document.");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedJson(`The body is not valid JSON: ${(error as Error).message}`);
  }
}
