/** What an export streams: text (encoded here) or bytes already encoded as UTF-8. */
export type StreamPiece = string | Uint8Array;

/**
 * A byte stream that pulls pieces from an async iterator only as fast as the client reads (the
 * backpressure that keeps a million-row export out of memory), after the pieces of `head` (a
 * header, and the first piece when the caller pulled it early). Text is grouped into chunks of
 * about 64 KB to keep syscalls few; bytes (a batch of CSV rows) go out as they come. Cancelling the
 * response (client gone) stops the iterator.
 */
export function textStream(
  head: readonly StreamPiece[],
  rest: AsyncIterator<StreamPiece>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queued = [...head];
  let pending = '';
  /** Adds a piece; true when something was enqueued. */
  const add = (controller: ReadableStreamDefaultController<Uint8Array>, piece: StreamPiece) => {
    if (typeof piece === 'string') {
      pending += piece;
      if (pending.length < 65_536) return false;
    }
    if (pending.length > 0) controller.enqueue(encoder.encode(pending));
    pending = '';
    if (typeof piece !== 'string') controller.enqueue(piece);
    return true;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (let piece = queued.shift(); piece !== undefined; piece = queued.shift()) {
          if (add(controller, piece)) return;
        }
        for (;;) {
          const next = await rest.next();
          if (next.done) {
            if (pending.length > 0) controller.enqueue(encoder.encode(pending));
            controller.close();
            return;
          }
          if (add(controller, next.value)) return;
        }
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await rest.return?.();
    },
  });
}
