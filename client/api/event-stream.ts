/** One server-sent event: its name ('message' when the stream names none) and its data lines joined. */
export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * An incremental text/event-stream parser (the WHATWG rules EventSource follows): text arrives
 * in chunks cut anywhere, lines end in \n, \r\n or \r, `data:` lines join with \n, a blank
 * line dispatches, `:` lines are comments, one space after the colon is dropped. EventSource
 * itself cannot POST a body or send headers, so a streamed answer is read with fetch and this.
 */
export function eventStreamParser(onEvent: (event: StreamEvent) => void): { push(text: string): void; end(): void } {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  const drain = (final: boolean) => {
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      // A \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (c === '\r' && i === buffer.length - 1 && !final) break;
      line(buffer.slice(start, i));
      if (c === '\r' && buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    buffer = buffer.slice(start);
  };
  return {
    push(text) {
      buffer += text;
      drain(false);
    },
    // An event not ended by a blank line when the stream closes is dropped, as EventSource does.
    end() {
      drain(true);
      buffer = '';
    },
  };
}

/** Reads a response body as server-sent events until it ends (or the fetch is aborted). */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: StreamEvent) => void): Promise<void> {
  const parser = eventStreamParser(onEvent);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
    parser.end();
  } finally {
    reader.releaseLock();
  }
}
