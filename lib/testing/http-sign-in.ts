/**
 * Signs in to a running server as a browser without JavaScript does: reads the sign-in form's
 * hidden fields (the server action's reference), posts them with the key as multipart form data,
 * and returns the session cookie's value. `headers` go with the post (e.g. `X-Forwarded-For`).
 * Resolves to null when the server set no session (a refused key, a throttled sign-in).
 */
export async function httpSignIn(
  baseUrl: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<{ session: string | null; html: string }> {
  const page = await (await fetch(`${baseUrl}/sign-in`)).text();
  const form = new FormData();
  for (const [, tag] of page.matchAll(/<input([^>]*type="hidden"[^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(tag!)?.[1];
    const value = /value="([^"]*)"/.exec(tag!)?.[1] ?? "";
    if (name) form.append(name, value.replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  form.append("key", key);
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    body: form,
    headers: { origin: baseUrl, ...headers },
    redirect: "manual",
  });
  const session = /tb_session=([^;]+)/.exec(response.headers.getSetCookie().join("\n"))?.[1] ?? null;
  return { session, html: await response.text() };
}
