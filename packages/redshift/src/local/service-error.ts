/**
 * An error the way the AWS JSON 1.1 protocol carries it: an HTTP status and a body
 * `{ "__type": "<Code>", "message": "..." }`. The SDK clients turn `__type` into their
 * modelled exception classes (`ValidationException`, `ResourceNotFoundException`, ...).
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  constructor(
    /** The exception code, e.g. `ValidationException`. */
    readonly code: string,
    message: string,
    /** 400 for client faults, 500 for server faults. */
    readonly status = 400,
  ) {
    super(message);
  }
}

export const validation = (message: string): ServiceError =>
  new ServiceError('ValidationException', message);

export const notFound = (message: string): ServiceError =>
  new ServiceError('ResourceNotFoundException', message);
