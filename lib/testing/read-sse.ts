/** Reads a Server-Sent Events response until `count` `event` messages arrived (or it ends), then cancels it. */
export async function readSseEvents<T = { id: string; type: string; position: string }>(
  response: Response,
  count: number,
): Promise<T[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: T[] = [];
  let buffer = "";
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const messages = buffer.split("\n\n");
      buffer = messages.pop()!;
      for (const message of messages) {
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (/^event: event$/m.test(message) && data) events.push(JSON.parse(data) as T);
      }
    }
  } finally {
    await reader.cancel();
  }
  return events;
}
