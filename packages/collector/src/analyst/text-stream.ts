/**
 * A byte stream that pulls text lines from an async iterator only as fast as the client reads (the
 * backpressure that keeps a million-row export out of memory). Lines are grouped into chunks of
 * about 64 KB to keep syscalls few. Cancelling the response (client gone) stops the iterator.
 */
export function textStream(
  prefix: string,
  lines: AsyncIterator<string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pending = prefix;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (pending.length < 65_536) {
          const next = await lines.next();
          if (next.done) {
            if (pending.length > 0) controller.enqueue(encoder.encode(pending));
            controller.close();
            return;
          }
          pending += next.value;
        }
        controller.enqueue(encoder.encode(pending));
        pending = '';
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return?.();
    },
  });
}
