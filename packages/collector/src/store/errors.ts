/** Thrown by a store when a cursor it is given was not made by it (tampered or from another adapter). */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid');
    this.name = 'InvalidCursorError';
  }
}

/** Thrown by a store that was closed: callers must not retry on the same instance. */
export class StoreClosedError extends Error {
  constructor() {
    super('store is closed');
    this.name = 'StoreClosedError';
  }
}
